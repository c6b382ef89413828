namespace RiskEngine.Server.Tests.Contract;

/// <summary>GET /api/v1/system/stats: this server's memory, ingest backlog, applied signals and resident snapshots (activations left out).</summary>
public sealed record SystemStats(
    long WorkingSetBytes,
    long ManagedHeapBytes,
    double UptimeSeconds,
    long ApplyLag,
    long DispatchCapacity,
    long LogQueueDepth,
    long Refused,
    long AppliedTotal,
    long ResidentSnapshots,
    long ResidentSnapshotBytes,
    long UnwrittenSnapshots,
    long SnapshotConflicts);
