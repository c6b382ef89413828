using System.Diagnostics;

namespace RiskEngine.LoadTests.Phases;

/// <summary>
/// The clock of one timed measurement: a warm-up that is not counted, then the measured span. Work is counted
/// when it completes: in the warm-up it is set aside; after it, it is measured, and the measured span runs from
/// the end of the warm-up to the last completion (so work still in flight at the deadline is neither lost nor
/// counted without its time). Thread-safe for any number of workers and one progress reader.
/// </summary>
public sealed class MeasurementWindow
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _warmupCount;
    private long _measuredCount;
    private long _lastCompletionTicks;
    private long _probeCount;
    private long _probeTicks;

    public MeasurementWindow(TimeSpan warmup, TimeSpan duration)
    {
        WarmupEnd = warmup;
        MeasureEnd = warmup + duration;
        _lastCompletionTicks = warmup.Ticks;
    }

    public TimeSpan WarmupEnd { get; }

    /// <summary>No new work should start after this.</summary>
    public TimeSpan MeasureEnd { get; }

    public TimeSpan Elapsed => _clock.Elapsed;

    public bool IsOver => Elapsed >= MeasureEnd;

    public long WarmupCount => Interlocked.Read(ref _warmupCount);

    public long MeasuredCount => Interlocked.Read(ref _measuredCount);

    /// <summary>From the end of the warm-up to the last measured completion.</summary>
    public TimeSpan MeasuredSpan => TimeSpan.FromTicks(Math.Max(0, Interlocked.Read(ref _lastCompletionTicks) - WarmupEnd.Ticks));

    /// <summary>Measured items per second so far.</summary>
    public double Rate => MeasuredSpan > TimeSpan.Zero ? MeasuredCount / MeasuredSpan.TotalSeconds : 0;

    public string Stage
    {
        get
        {
            var now = Elapsed;
            return now < WarmupEnd ? "warm-up" : now < MeasureEnd ? "measuring" : "draining";
        }
    }

    /// <summary>Counts <paramref name="count"/> items completed now; true when they fall in the measured span.</summary>
    public bool Complete(long count)
    {
        var now = Elapsed.Ticks;
        if (now < WarmupEnd.Ticks)
        {
            Interlocked.Add(ref _warmupCount, count);
            return false;
        }

        Interlocked.Add(ref _measuredCount, count);
        var last = Interlocked.Read(ref _lastCompletionTicks);
        while (now > last)
        {
            var seen = Interlocked.CompareExchange(ref _lastCompletionTicks, now, last);
            if (seen == last)
            {
                break;
            }

            last = seen;
        }

        return true;
    }

    /// <summary>Items per second (warm-up and measured alike) since the previous call; for one progress reader.</summary>
    public double RecentRate()
    {
        var now = Elapsed.Ticks;
        var total = WarmupCount + MeasuredCount;
        var rate = now > _probeTicks ? (total - _probeCount) / TimeSpan.FromTicks(now - _probeTicks).TotalSeconds : 0;
        _probeCount = total;
        _probeTicks = now;
        return rate;
    }
}
