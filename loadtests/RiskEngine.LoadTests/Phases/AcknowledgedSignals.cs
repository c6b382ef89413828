namespace RiskEngine.LoadTests.Phases;

/// <summary>
/// The workload numbers of every signal the server acknowledged as durable, kept as the runs of consecutive
/// numbers the clients posted (the signals themselves can be regenerated from their numbers). Thread-safe.
/// </summary>
public sealed class AcknowledgedSignals
{
    private readonly Lock _lock = new();
    private readonly List<(long First, int Count)> _runs = [];
    private readonly List<long> _runStarts = [];
    private long _count;

    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    public void Add(long first, int count)
    {
        lock (_lock)
        {
            _runs.Add((first, count));
            _runStarts.Add(_count);
            _count += count;
        }
    }

    /// <summary>A uniformly chosen acknowledged number, or -1 when there is none yet; cheap enough to call per signal.</summary>
    public long Pick(Random random)
    {
        lock (_lock)
        {
            if (_count == 0)
            {
                return -1;
            }

            var position = random.NextInt64(_count);
            var run = _runStarts.BinarySearch(position);
            run = run >= 0 ? run : ~run - 1;
            return _runs[run].First + (position - _runStarts[run]);
        }
    }

    /// <summary>Every acknowledged number, run by run.</summary>
    public IEnumerable<long> All()
    {
        (long First, int Count)[] runs;
        lock (_lock)
        {
            runs = [.. _runs];
        }

        foreach (var (first, count) in runs)
        {
            for (var i = 0; i < count; i++)
            {
                yield return first + i;
            }
        }
    }

    /// <summary>A uniform random sample of <paramref name="size"/> distinct numbers (all of them if there are fewer), sorted.</summary>
    public long[] Sample(long size, Random random)
    {
        (long First, int Count)[] runs;
        long total;
        lock (_lock)
        {
            runs = [.. _runs];
            total = _count;
        }

        if (size >= total)
        {
            return All().Order().ToArray();
        }

        // Floyd's algorithm: size distinct positions in [0, total) without materialising them all.
        var positions = new HashSet<long>();
        for (var j = total - size; j < total; j++)
        {
            var candidate = random.NextInt64(j + 1);
            positions.Add(positions.Contains(candidate) ? j : candidate);
        }

        var starts = new long[runs.Length];
        for (long i = 0, offset = 0; i < runs.Length; i++)
        {
            starts[i] = offset;
            offset += runs[i].Count;
        }

        return positions
            .Select(position =>
            {
                var run = Array.BinarySearch(starts, position);
                run = run >= 0 ? run : ~run - 1;
                return runs[run].First + (position - starts[run]);
            })
            .Order()
            .ToArray();
    }
}
