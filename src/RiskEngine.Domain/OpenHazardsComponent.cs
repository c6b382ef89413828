using System.Globalization;

namespace RiskEngine.Domain;

/// <summary>
/// Hazards (隐患) still open: each counts fully until a later report rectifies it, whatever its age
/// (隐患排查治理 tracks hazards to closure, not to oblivion). An open hazard takes the highest severity
/// reported since it was last rectified, so a repeat report can raise it but never quietly lower it.
/// Several open hazards combine by noisy-OR.
/// </summary>
internal static class OpenHazardsComponent
{
    public static RiskComponent Evaluate(RiskHistory history, double weight, RiskModelParameters p)
    {
        var open = new Dictionary<string, Severity>(StringComparer.Ordinal);
        foreach (var e in history.EventsOf(SignalKind.Hazard))
        {
            var facts = (HazardFacts)e.Facts;
            if (!facts.Open)
            {
                open.Remove(facts.HazardId);
            }
            else if (!open.TryGetValue(facts.HazardId, out var severity) || facts.Severity > severity)
            {
                open[facts.HazardId] = facts.Severity;
            }
        }
        if (open.Count == 0)
        {
            return RiskComponent.Silent(RiskReasonCodes.OpenHazards);
        }
        var survival = 1.0;
        foreach (var severity in open.Values)
        {
            survival *= 1 - p.SeverityWeights.Of(severity);
        }
        var zhParts = new List<string>();
        var enParts = new List<string>();
        foreach (var (severity, zh) in new[] { (Severity.Critical, "重大"), (Severity.Major, "较大"), (Severity.Minor, "一般") })
        {
            var count = open.Values.Count(s => s == severity);
            if (count > 0)
            {
                zhParts.Add(string.Create(CultureInfo.InvariantCulture, $"{zh}{count}项"));
                enParts.Add(string.Create(CultureInfo.InvariantCulture, $"{count} {severity.ToString().ToLowerInvariant()}"));
            }
        }
        return new RiskComponent(
            RiskReasonCodes.OpenHazards,
            weight,
            1 - survival,
            $"未整改隐患{open.Count}项（{string.Join("、", zhParts)}）",
            $"{ReasonText.Count(open.Count, "open hazard", "open hazards")} ({string.Join(", ", enParts)})");
    }
}
