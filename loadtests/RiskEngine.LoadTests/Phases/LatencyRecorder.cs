using System.Diagnostics;
using HdrHistogram;
using RiskEngine.LoadTests.Reporting;

namespace RiskEngine.LoadTests.Phases;

/// <summary>
/// Latencies in microseconds, from 1 µs to 10 min at 3 significant digits, recorded from any thread and readable
/// while recording goes on (progress lines): HdrHistogram's iterators refuse a histogram that changes under them,
/// so recording and reading share one lock, which costs nothing at these rates.
/// </summary>
public sealed class LatencyRecorder
{
    public const long HighestMicroseconds = 600_000_000;

    private readonly LongHistogram _histogram = new(1, HighestMicroseconds, 3);
    private readonly Lock _lock = new();

    /// <summary>Records the time since <paramref name="startTimestamp"/> (a <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void RecordSince(long startTimestamp) =>
        RecordMicroseconds(Stopwatch.GetElapsedTime(startTimestamp).Ticks / TimeSpan.TicksPerMicrosecond);

    /// <summary>Records one latency; below 1 µs (clock granularity) counts as 1 µs, beyond 10 min as 10 min.</summary>
    public void RecordMicroseconds(long microseconds)
    {
        var value = Math.Clamp(microseconds, 1, HighestMicroseconds);
        lock (_lock)
        {
            _histogram.RecordValue(value);
        }
    }

    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _histogram.TotalCount;
            }
        }
    }

    public LatencySummary Summarize()
    {
        lock (_lock)
        {
            return LatencySummary.From(_histogram);
        }
    }
}
