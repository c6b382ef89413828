namespace RiskEngine.Server.Live;

/// <summary>
/// Counts over a sliding window of whole periods (seconds, days), one bucket per period, reused as the window moves:
/// fixed memory however long the server runs. Several counts may share the buckets (e.g. passed and failed). Thread-safe.
/// </summary>
public sealed class RollingCounts(int periods, int counts = 1)
{
    private readonly long[] _period = Enumerable.Repeat(long.MinValue, periods).ToArray();
    private readonly long[,] _counts = new long[periods, counts];
    private readonly Lock _gate = new();

    /// <summary>Adds <paramref name="amount"/> to count <paramref name="count"/> of period number <paramref name="period"/>.</summary>
    public void Add(long period, long amount, int count = 0)
    {
        var slot = (int)(period % periods);
        lock (_gate)
        {
            if (_period[slot] != period)
            {
                _period[slot] = period;
                for (var c = 0; c < _counts.GetLength(1); c++)
                {
                    _counts[slot, c] = 0;
                }
            }

            _counts[slot, count] += amount;
        }
    }

    /// <summary>Count <paramref name="count"/> summed over the window ending with period <paramref name="current"/>.</summary>
    public long Sum(long current, int count = 0)
    {
        long sum = 0;
        lock (_gate)
        {
            for (var slot = 0; slot < periods; slot++)
            {
                if (_period[slot] > current - periods)
                {
                    sum += _counts[slot, count];
                }
            }
        }

        return sum;
    }
}
