using RiskEngine.Storage;

namespace RiskEngine.Server.Live;

/// <summary>
/// Signals this server logged, in one-second buckets over the last minute. It hears every commit of the log, so the
/// demo feed, the due-date sweep and HTTP ingest all count (it once counted HTTP ingest only, and read 0 with the demo on).
/// </summary>
public sealed class ThroughputMeter(TimeProvider clock) : ISignalCommitListener
{
    public void OnCommitted(IReadOnlyList<LoggedSignal> signals) => Record(signals.Count);

    private readonly RollingCounts _seconds = new(60);

    public void Record(int accepted)
    {
        if (accepted > 0)
        {
            _seconds.Add(clock.GetUtcNow().ToUnixTimeSeconds(), accepted);
        }
    }

    public long LastMinute() => _seconds.Sum(clock.GetUtcNow().ToUnixTimeSeconds());
}
