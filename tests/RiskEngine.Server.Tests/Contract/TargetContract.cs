namespace RiskEngine.Server.Tests.Contract;

/// <summary>One figure of GET /api/v1/targets beside its target.</summary>
public sealed record TargetAnswer(string Id, string Zh, string En, double? Value, double Target, bool? Met, long Measured, string Basis);

public sealed record TargetListAnswer(DateTimeOffset GeneratedAt, IReadOnlyList<TargetAnswer> Items);
