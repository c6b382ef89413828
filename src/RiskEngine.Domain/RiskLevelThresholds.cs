namespace RiskEngine.Domain;

/// <summary>
/// Score thresholds of the four colours (蓝 &lt; yellow &lt;= 黄 &lt; orange &lt;= 橙 &lt; red &lt;= 红) and the
/// hysteresis: a subject drops below a level only once its score is that many points under the threshold,
/// so the wall does not flicker.
/// </summary>
public sealed record RiskLevelThresholds(double Yellow, double Orange, double Red, double Hysteresis)
{
    /// <summary>The lowest score of a level (0 for blue).</summary>
    public double LowerBound(RiskLevel level) => level switch
    {
        RiskLevel.Blue => 0,
        RiskLevel.Yellow => Yellow,
        RiskLevel.Orange => Orange,
        RiskLevel.Red => Red,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "unknown risk level"),
    };

    internal static RiskLevelThresholds Read(SeedObject json)
    {
        var thresholds = new RiskLevelThresholds(
            json.Number("yellow", 0, 100), json.Number("orange", 0, 100), json.Number("red", 0, 100), json.Number("hysteresis", 0, 100));
        if (!(0 < thresholds.Yellow && thresholds.Yellow < thresholds.Orange && thresholds.Orange < thresholds.Red && thresholds.Red < 100))
        {
            throw json.Error("thresholds must rise strictly: 0 < yellow < orange < red < 100");
        }
        if (thresholds.Hysteresis >= thresholds.Yellow || thresholds.Hysteresis >= thresholds.Orange - thresholds.Yellow || thresholds.Hysteresis >= thresholds.Red - thresholds.Orange)
        {
            throw json.Error("hysteresis", "must be smaller than the gap between any two thresholds");
        }
        return thresholds;
    }
}
