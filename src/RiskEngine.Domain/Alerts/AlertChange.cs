namespace RiskEngine.Domain.Alerts;

/// <summary>The outcome of asking an alert to change: the new case and its audit entry, or why it was refused.</summary>
public sealed record AlertChange(AlertCase? Next, AlertAuditEntry? Audit, AlertRefusal? Refusal)
{
    public static AlertChange Unchanged { get; } = new(null, null, null);

    public bool Changed => Next is not null;

    public static AlertChange To(AlertCase next, AlertAuditEntry audit) => new(next, audit, null);

    public static AlertChange Refused(AlertRefusal refusal) => new(null, null, refusal);
}

/// <summary>Why a change was refused; <see cref="By"/> names who already acknowledged or resolved it.</summary>
public sealed record AlertRefusal(AlertRefusalReason Reason, string? By, DateTimeOffset? At);

public enum AlertRefusalReason
{
    AlreadyAcknowledged,
    AlreadyResolved,
}
