using System.Diagnostics;
using HdrHistogram;

namespace RiskEngine.LoadTests.Traffic;

/// <summary>
/// Per-second buckets over the traffic, from its start: signals offered (by intended send time), signals accepted
/// (by answer time), and the 99th percentile of ingest and signal-to-wall latency, for the report's charts.
/// </summary>
public sealed class SecondSeries
{
    private readonly long _startTimestamp;
    private readonly int _seconds;
    private readonly long[] _offered;
    private readonly long[] _accepted;
    private readonly LongHistogram?[] _ingest;
    private readonly LongHistogram?[] _wall;
    private readonly Lock _lock = new();

    public SecondSeries(long startTimestamp, int seconds)
    {
        _startTimestamp = startTimestamp;
        _seconds = Math.Max(1, seconds);
        _offered = new long[_seconds];
        _accepted = new long[_seconds];
        _ingest = new LongHistogram?[_seconds];
        _wall = new LongHistogram?[_seconds];
    }

    /// <summary>The traffic's start (a <see cref="Stopwatch"/> timestamp): second 0.</summary>
    public long StartTimestamp => _startTimestamp;

    public void Offered(long timestamp, int signals) => Add(_offered, timestamp, signals);

    public void Accepted(long timestamp, int signals) => Add(_accepted, timestamp, signals);

    public void IngestLatency(long timestamp, long microseconds) => Record(_ingest, timestamp, microseconds);

    public void WallLatency(long timestamp, long microseconds) => Record(_wall, timestamp, microseconds);

    /// <summary>One row per second, up to the last second that saw anything.</summary>
    public IReadOnlyList<SecondFigures> Rows()
    {
        lock (_lock)
        {
            var last = -1;
            for (var s = 0; s < _seconds; s++)
            {
                if (_offered[s] > 0 || _accepted[s] > 0 || _ingest[s] is not null || _wall[s] is not null)
                {
                    last = s;
                }
            }

            return Enumerable.Range(0, last + 1).Select(s => new SecondFigures(
                s,
                _offered[s],
                _accepted[s],
                P99(_ingest[s]),
                P99(_wall[s]))).ToArray();
        }
    }

    private static double? P99(LongHistogram? histogram) =>
        histogram is null || histogram.TotalCount == 0 ? null : Math.Round(histogram.GetValueAtPercentile(99) / 1000.0, 3);

    private int Second(long timestamp)
    {
        var second = (int)((timestamp - _startTimestamp) / Stopwatch.Frequency);
        return Math.Clamp(second, 0, _seconds - 1);
    }

    private void Add(long[] buckets, long timestamp, int count)
    {
        lock (_lock)
        {
            buckets[Second(timestamp)] += count;
        }
    }

    private void Record(LongHistogram?[] buckets, long timestamp, long microseconds)
    {
        lock (_lock)
        {
            var second = Second(timestamp);
            var histogram = buckets[second] ??= new LongHistogram(1, Phases.LatencyRecorder.HighestMicroseconds, 2);
            histogram.RecordValue(Math.Clamp(microseconds, 1, Phases.LatencyRecorder.HighestMicroseconds));
        }
    }
}
