namespace RiskEngine.Domain;

/// <summary>
/// Event-time decay: old evidence fades toward the prior with weight 0.5^(age / half-life). An event
/// dated after "now" (clock skew, a source ahead of us) counts as fresh, never as more than fresh.
/// </summary>
internal static class EvidenceDecay
{
    public static double Weight(DateTimeOffset occurredAt, DateTimeOffset now, double halfLifeDays) =>
        Math.Exp(-Math.Log(2) * AgeDays(occurredAt, now) / halfLifeDays);

    /// <summary>Days since the event, 0 for an event in the future.</summary>
    public static double AgeDays(DateTimeOffset occurredAt, DateTimeOffset now) => Math.Max(0, (now - occurredAt).TotalDays);
}
