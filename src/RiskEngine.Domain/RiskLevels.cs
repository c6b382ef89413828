namespace RiskEngine.Domain;

/// <summary>Classifying scores into <see cref="RiskLevel"/>s, and their names on the wire and on screen.</summary>
public static class RiskLevels
{
    /// <summary>
    /// The level of a score given the level shown before. Up at once: a score at or above a threshold
    /// reaches its level. Down slowly: a level is left only when the score falls below its threshold
    /// minus the hysteresis, and the same holds at each lower threshold on the way down, so a score
    /// hovering around a threshold never makes the wall flicker.
    /// </summary>
    public static RiskLevel Classify(double score, RiskLevel? previous, RiskModelParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var thresholds = p.Levels;
        var plain = RiskLevel.Blue;
        for (var level = RiskLevel.Red; level > RiskLevel.Blue; level--)
        {
            if (score >= thresholds.LowerBound(level))
            {
                plain = level;
                break;
            }
        }
        if (previous is not { } shown || plain >= shown)
        {
            return plain;
        }
        var held = shown;
        while (held > plain && score < thresholds.LowerBound(held) - thresholds.Hysteresis)
        {
            held--;
        }
        return held;
    }

    /// <summary>"blue", "yellow", "orange", "red".</summary>
    public static string ToWire(this RiskLevel level) => level switch
    {
        RiskLevel.Blue => "blue",
        RiskLevel.Yellow => "yellow",
        RiskLevel.Orange => "orange",
        RiskLevel.Red => "red",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "unknown risk level"),
    };

    public static bool TryParseWire(string? wire, out RiskLevel level)
    {
        foreach (var candidate in Enum.GetValues<RiskLevel>())
        {
            if (string.Equals(wire?.Trim(), candidate.ToWire(), StringComparison.OrdinalIgnoreCase))
            {
                level = candidate;
                return true;
            }
        }
        level = default;
        return false;
    }

    /// <summary>The colour: 蓝, 黄, 橙, 红.</summary>
    public static string Zh(this RiskLevel level) => level switch
    {
        RiskLevel.Blue => "蓝",
        RiskLevel.Yellow => "黄",
        RiskLevel.Orange => "橙",
        RiskLevel.Red => "红",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "unknown risk level"),
    };

    /// <summary>The grade: 低, 一般, 较大, 重大 (as in 重大风险).</summary>
    public static string ZhName(this RiskLevel level) => level switch
    {
        RiskLevel.Blue => "低",
        RiskLevel.Yellow => "一般",
        RiskLevel.Orange => "较大",
        RiskLevel.Red => "重大",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "unknown risk level"),
    };

    /// <summary>The grade in English: low, general, high, major.</summary>
    public static string EnName(this RiskLevel level) => level switch
    {
        RiskLevel.Blue => "low",
        RiskLevel.Yellow => "general",
        RiskLevel.Orange => "high",
        RiskLevel.Red => "major",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "unknown risk level"),
    };
}
