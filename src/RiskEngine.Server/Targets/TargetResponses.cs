namespace RiskEngine.Server.Targets;

/// <summary>
/// One figure beside its 十四五 target. Value and target are shares (0-1); value is null while there is nothing to
/// measure (no samples, no units with a due date ...). Met compares value with target; basis says what it was measured on.
/// </summary>
public sealed record TargetResponse(string Id, string Zh, string En, double? Value, double Target, bool? Met, long Measured, string Basis);

public sealed record TargetListResponse(DateTimeOffset GeneratedAt, IReadOnlyList<TargetResponse> Items);
