namespace RiskEngine.LoadTests.Reporting;

/// <summary>
/// The naive design the engine is measured against: a grain that calls WriteStateAsync for every signal, i.e. one
/// round trip of the persistence provider's WriteToStorageKey query per signal.
/// </summary>
/// <param name="Writes">State writes committed in the measured span (one per signal).</param>
/// <param name="Workers">Concurrent connections, each writing one signal's state at a time.</param>
/// <param name="Grains">Distinct grain states written (first writes insert, later ones update with the ETag).</param>
/// <param name="PayloadBytes">Size of the snapshot written each time.</param>
/// <param name="Seconds">The measured span.</param>
/// <param name="WritesPerSecond">Durable state writes per second: the naive design's durable signals per second.</param>
/// <param name="WriteLatency">Time of one write (its round trip and commit).</param>
/// <param name="Server">The PostgreSQL settings that decide what a commit costs.</param>
/// <param name="Cpu">Where the machine's CPU went in the measured span.</param>
/// <param name="CpuMsPer1000">The writer's CPU milliseconds per 1000 writes.</param>
public sealed record NaiveFigures(
    long Writes,
    int Workers,
    int Grains,
    int PayloadBytes,
    double Seconds,
    double WritesPerSecond,
    LatencySummary WriteLatency,
    string Server,
    CpuUsage? Cpu,
    double? CpuMsPer1000);
