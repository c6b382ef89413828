namespace RiskEngine.LoadTests.Api;

/// <summary>
/// The body of GET /api/v1/system/stats: the server process's memory and its live grain activations; from builds that
/// have them, its ingest backlog, the signals it applied and the subjects' snapshots it holds (null from older builds).
/// </summary>
public sealed record SystemStats(
    long WorkingSetBytes,
    long ManagedHeapBytes,
    ActivationCounts Activations,
    double UptimeSeconds,
    long? ApplyLag = null,
    long? LogQueueDepth = null,
    long? Refused = null,
    long? AppliedTotal = null,
    long? ResidentSnapshots = null,
    long? ResidentSnapshotBytes = null,
    long? UnwrittenSnapshots = null);
