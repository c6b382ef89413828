namespace RiskEngine.Server.Operations;

/// <summary>Grain activations across the cluster, by grain type.</summary>
public sealed record ActivationCounts(long Total, IReadOnlyDictionary<string, long> ByType);

/// <summary>This server's memory, ingest backlog, applied signals and resident snapshots, and the cluster's activations (for load tests).</summary>
/// <param name="WorkingSetBytes">This server process's working set.</param>
/// <param name="ManagedHeapBytes">This server's managed heap.</param>
/// <param name="Activations">Grain activations across the cluster.</param>
/// <param name="UptimeSeconds">How long this server process has run.</param>
/// <param name="ApplyLag">Signals this server logged and has not yet applied.</param>
/// <param name="DispatchCapacity">The backlog (queued for the log and not yet applied) at which this server refuses ingest.</param>
/// <param name="LogQueueDepth">Rows queued for the log's writer, not yet in a commit.</param>
/// <param name="Refused">Ingest requests this server refused (503) as over capacity since it started.</param>
/// <param name="AppliedTotal">Signals this server delivered to their subjects since it started, by a grain or folded into a snapshot.</param>
/// <param name="ResidentSnapshots">Subjects' snapshots this server holds in memory.</param>
/// <param name="ResidentSnapshotBytes">Their serialised bytes (the payloads alone, without the runtime's overhead per snapshot).</param>
/// <param name="UnwrittenSnapshots">Snapshots changed in memory and not yet written to the table (the next flush writes them).</param>
/// <param name="SnapshotConflicts">Bulk snapshot writes the table refused since start because another server had written the row.</param>
public sealed record SystemStatsResponse(
    long WorkingSetBytes,
    long ManagedHeapBytes,
    ActivationCounts Activations,
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
