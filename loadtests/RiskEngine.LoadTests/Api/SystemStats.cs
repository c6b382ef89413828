namespace RiskEngine.LoadTests.Api;

/// <summary>The body of GET /api/v1/system/stats: the server process's memory and its live grain activations.</summary>
public sealed record SystemStats(long WorkingSetBytes, long ManagedHeapBytes, ActivationCounts Activations, double UptimeSeconds);
