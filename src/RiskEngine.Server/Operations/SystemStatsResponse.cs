namespace RiskEngine.Server.Operations;

/// <summary>Grain activations across the cluster, by grain type.</summary>
public sealed record ActivationCounts(long Total, IReadOnlyDictionary<string, long> ByType);

/// <summary>This server's memory and ingest backlog, and the cluster's activations (for load tests: memory per active grain).</summary>
/// <param name="WorkingSetBytes">This server process's working set.</param>
/// <param name="ManagedHeapBytes">This server's managed heap.</param>
/// <param name="Activations">Grain activations across the cluster.</param>
/// <param name="UptimeSeconds">How long this server process has run.</param>
/// <param name="ApplyLag">Signals this server logged and has not yet applied.</param>
/// <param name="DispatchCapacity">The backlog (queued for the log and not yet applied) at which this server refuses ingest.</param>
/// <param name="LogQueueDepth">Rows queued for the log's writer, not yet in a commit.</param>
/// <param name="Refused">Ingest requests this server refused (503) as over capacity since it started.</param>
public sealed record SystemStatsResponse(
    long WorkingSetBytes,
    long ManagedHeapBytes,
    ActivationCounts Activations,
    double UptimeSeconds,
    long ApplyLag,
    long DispatchCapacity,
    long LogQueueDepth,
    long Refused);
