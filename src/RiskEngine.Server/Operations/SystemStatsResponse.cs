namespace RiskEngine.Server.Operations;

/// <summary>Grain activations across the cluster, by grain type.</summary>
public sealed record ActivationCounts(long Total, IReadOnlyDictionary<string, long> ByType);

/// <summary>This server's memory and the cluster's activations (for load tests: memory per active grain).</summary>
public sealed record SystemStatsResponse(long WorkingSetBytes, long ManagedHeapBytes, ActivationCounts Activations, double UptimeSeconds);
