namespace RiskEngine.Domain.Alerts;

/// <summary>One recorded change of an alert: who (a user name, or "system"), when, what, and the note given.</summary>
public sealed record AlertAuditEntry(
    DateTimeOffset At,
    string Actor,
    string Action,
    AlertState? FromState,
    AlertState ToState,
    RiskLevel Level,
    string? Note);
