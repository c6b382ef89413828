using RiskEngine.Storage;

namespace RiskEngine.Server.Live;

/// <summary>
/// Signals this server logged, in one-second buckets over the last minute. It hears every commit of the log, so the
/// demo feed, the due-date sweep and HTTP ingest all count (it once counted HTTP ingest only, and read 0 with the demo on).
/// </summary>
public sealed class ThroughputMeter(TimeProvider clock) : ISignalCommitListener
{
    public void OnCommitted(IReadOnlyList<LoggedSignal> signals) => Record(signals.Count);

    private readonly long[] _buckets = new long[60];
    private readonly long[] _bucketSecond = new long[60];
    private readonly Lock _gate = new();

    public void Record(int accepted)
    {
        if (accepted <= 0)
        {
            return;
        }

        var second = clock.GetUtcNow().ToUnixTimeSeconds();
        var slot = (int)(second % 60);
        lock (_gate)
        {
            if (_bucketSecond[slot] != second)
            {
                _bucketSecond[slot] = second;
                _buckets[slot] = 0;
            }

            _buckets[slot] += accepted;
        }
    }

    public long LastMinute()
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        long sum = 0;
        lock (_gate)
        {
            for (var slot = 0; slot < 60; slot++)
            {
                if (now - _bucketSecond[slot] < 60)
                {
                    sum += _buckets[slot];
                }
            }
        }

        return sum;
    }
}
