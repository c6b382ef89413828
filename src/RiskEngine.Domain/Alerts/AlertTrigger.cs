namespace RiskEngine.Domain.Alerts;

/// <summary>
/// A rule firing for a subject. <paramref name="Seq"/> is the log position that caused it, so a replay of the same
/// signal after a crash adds nothing to an alert that already counted it.
/// </summary>
public sealed record AlertTrigger(
    AlertRule Rule,
    long Seq,
    RiskLevel Level,
    double Score,
    DateTimeOffset At);
