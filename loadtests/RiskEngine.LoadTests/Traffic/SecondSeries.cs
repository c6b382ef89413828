using System.Diagnostics;
using HdrHistogram;
using RiskEngine.LoadTests.Reporting;

namespace RiskEngine.LoadTests.Traffic;

/// <summary>
/// Per-second buckets over the traffic, from its start: signals offered (by intended send time), signals accepted
/// (by answer time), refused requests and errors (by answer time), and ingest and signal-to-wall latency, for the
/// report's charts; and the same a minute at a time, for a soak.
/// </summary>
public sealed class SecondSeries
{
    private readonly long _startTimestamp;
    private readonly int _seconds;
    private readonly long[] _offered;
    private readonly long[] _accepted;
    private readonly long[] _refused;
    private readonly long[] _errors;
    private readonly LongHistogram?[] _ingest;
    private readonly LongHistogram?[] _wall;
    private readonly Lock _lock = new();

    public SecondSeries(long startTimestamp, int seconds)
    {
        _startTimestamp = startTimestamp;
        _seconds = Math.Max(1, seconds);
        _offered = new long[_seconds];
        _accepted = new long[_seconds];
        _refused = new long[_seconds];
        _errors = new long[_seconds];
        _ingest = new LongHistogram?[_seconds];
        _wall = new LongHistogram?[_seconds];
    }

    /// <summary>The traffic's start (a <see cref="Stopwatch"/> timestamp): second 0.</summary>
    public long StartTimestamp => _startTimestamp;

    public void Offered(long timestamp, int signals) => Add(_offered, timestamp, signals);

    public void Accepted(long timestamp, int signals) => Add(_accepted, timestamp, signals);

    /// <summary>A request refused for now (503 over capacity, 429 over the request limit).</summary>
    public void Refused(long timestamp) => Add(_refused, timestamp, 1);

    /// <summary>A request that failed, or was not sent because too many were unanswered.</summary>
    public void Error(long timestamp) => Add(_errors, timestamp, 1);

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

    /// <summary>
    /// One row per whole minute of traffic seen so far (a last, partial minute is left out: its counts would read as a
    /// drop), with the minute's latency percentiles from its seconds' histograms merged.
    /// </summary>
    public IReadOnlyList<MinuteFigures> Minutes()
    {
        lock (_lock)
        {
            var seen = 0;
            for (var s = 0; s < _seconds; s++)
            {
                if (_offered[s] > 0 || _accepted[s] > 0)
                {
                    seen = s + 1;
                }
            }

            var minutes = new List<MinuteFigures>();
            for (var minute = 0; (minute + 1) * 60 <= seen; minute++)
            {
                var seconds = Enumerable.Range(minute * 60, 60).ToArray();
                minutes.Add(new MinuteFigures(
                    minute,
                    seconds.Sum(s => _offered[s]),
                    seconds.Sum(s => _accepted[s]),
                    seconds.Sum(s => _refused[s]),
                    seconds.Sum(s => _errors[s]),
                    LatencySummary.From(Merge(seconds.Select(s => _ingest[s]))),
                    LatencySummary.From(Merge(seconds.Select(s => _wall[s])))));
            }

            return minutes;
        }
    }

    private static LongHistogram Merge(IEnumerable<LongHistogram?> histograms)
    {
        var merged = NewHistogram();
        foreach (var histogram in histograms)
        {
            if (histogram is not null)
            {
                merged.Add(histogram);
            }
        }

        return merged;
    }

    private static LongHistogram NewHistogram() => new(1, Phases.LatencyRecorder.HighestMicroseconds, 2);

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
            var histogram = buckets[second] ??= NewHistogram();
            histogram.RecordValue(Math.Clamp(microseconds, 1, Phases.LatencyRecorder.HighestMicroseconds));
        }
    }
}
