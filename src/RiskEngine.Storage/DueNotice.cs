using RiskEngine.Domain;

namespace RiskEngine.Storage;

/// <summary>A unit that crossed a date the sweep watches; <paramref name="DueDate"/> makes the notice idempotent.</summary>
public sealed record DueNotice(string Code, SignalKind Kind, DateOnly DueDate);
