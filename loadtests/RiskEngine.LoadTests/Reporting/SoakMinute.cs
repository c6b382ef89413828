namespace RiskEngine.LoadTests.Reporting;

/// <summary>One whole minute of a soak: the traffic, its answers, and the servers' last reading of that minute.</summary>
/// <param name="Minute">Minutes since the traffic started.</param>
/// <param name="OfferedPerSecond">Signals offered per second.</param>
/// <param name="DurablePerSecond">Signals acknowledged as durable per second.</param>
/// <param name="RefusedRequests">Requests refused for now (503, 429).</param>
/// <param name="Errors">Requests failed or not sent.</param>
/// <param name="IngestLatency">Intended send to answer.</param>
/// <param name="SignalToWall">Signal sent to the wall frame that showed it.</param>
/// <param name="WorkingSetBytes">The servers' resident memory; null when no reading fell in this minute.</param>
/// <param name="ManagedHeapBytes">Their managed heaps.</param>
/// <param name="Activations">Live grain activations.</param>
/// <param name="ApplyLag">Signals logged and not yet applied.</param>
/// <param name="StorageBytes">On disk, all files or tables together.</param>
/// <param name="StorageByName">On disk, by file (SQLite) or table (PostgreSQL).</param>
public sealed record SoakMinute(
    int Minute,
    double OfferedPerSecond,
    double DurablePerSecond,
    long RefusedRequests,
    long Errors,
    LatencySummary IngestLatency,
    LatencySummary SignalToWall,
    long? WorkingSetBytes,
    long? ManagedHeapBytes,
    long? Activations,
    long? ApplyLag,
    long? StorageBytes,
    IReadOnlyDictionary<string, long>? StorageByName);
