using System.Diagnostics;
using HdrHistogram;
using RiskEngine.LoadTests.Reporting;

namespace RiskEngine.LoadTests.Phases;

/// <summary>Latencies in microseconds, from 1 µs to 10 min at 3 significant digits, recorded from any thread.</summary>
public sealed class LatencyRecorder
{
    private const long HighestMicroseconds = 600_000_000;

    private readonly LongConcurrentHistogram _histogram = new(1, HighestMicroseconds, 3);

    /// <summary>Records the time since <paramref name="startTimestamp"/> (a <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void RecordSince(long startTimestamp)
    {
        var microseconds = Stopwatch.GetElapsedTime(startTimestamp).Ticks / TimeSpan.TicksPerMicrosecond;
        _histogram.RecordValue(Math.Clamp(microseconds, 1, HighestMicroseconds));
    }

    public LatencySummary Summarize() => LatencySummary.From(_histogram);
}
