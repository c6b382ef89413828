using RiskEngine.LoadTests.Workload;

namespace RiskEngine.LoadTests.Traffic;

/// <summary>
/// Fills each scheduled request: mostly new signals of its stream, with repeats of earlier ones and spoiled ones
/// mixed in at the configured fractions and shuffled into random positions, as a real feed would send them.
/// A repeat is drawn among the signals already acknowledged (of this stream, or of any earlier one), so the
/// server must count every repeat as a duplicate: the check is exact.
/// </summary>
public sealed class BatchComposer(int batch, double duplicateFraction, double malformedFraction, int seed)
{
    private readonly Random _random = new(seed);
    private readonly List<TrafficStream> _earlier = [];

    /// <summary>Streams whose acknowledged signals may be repeated in later phases too.</summary>
    public void Retire(IEnumerable<TrafficStream> streams) => _earlier.AddRange(streams);

    /// <summary>Builds the request of stream <paramref name="streamIndex"/> due at the given time; call from one thread.</summary>
    public BatchPlan Compose(int phase, int streamIndex, TrafficStream stream, long intendedTimestamp, DateTimeOffset intendedAt)
    {
        var wantedDuplicates = Math.Min(RoundRandomly(batch * duplicateFraction), batch);
        var repeats = new List<BatchItem>(wantedDuplicates);
        for (var i = 0; i < wantedDuplicates; i++)
        {
            var source = _earlier.Count == 0 || _random.Next(2) == 0 ? stream : _earlier[_random.Next(_earlier.Count)];
            var number = source.Acknowledged.Pick(_random);
            if (number >= 0)
            {
                repeats.Add(new BatchItem(source, number, IsDuplicate: true, Malformation: null));
            }
        }

        var malformed = Math.Min(RoundRandomly(batch * malformedFraction), batch - repeats.Count);
        var fresh = batch - repeats.Count - malformed;

        // A spoiled item is spoiled from a signal of its own: a number reserved with the new ones and never sent whole.
        var first = stream.Reserve(fresh + malformed);
        var items = new BatchItem[batch];
        var position = 0;
        for (var i = 0; i < fresh; i++)
        {
            items[position++] = new BatchItem(stream, first + i, IsDuplicate: false, Malformation: null);
        }

        for (var i = 0; i < malformed; i++)
        {
            var kind = MalformationNames.All[_random.Next(MalformationNames.All.Count)];
            items[position++] = new BatchItem(stream, first + fresh + i, IsDuplicate: false, kind);
        }

        foreach (var repeat in repeats)
        {
            items[position++] = repeat;
        }

        if (repeats.Count + malformed > 0)
        {
            _random.Shuffle(items);
        }

        return new BatchPlan(phase, streamIndex, intendedTimestamp, intendedAt, first, fresh, items);
    }

    private int RoundRandomly(double expected)
    {
        var whole = (int)Math.Floor(expected);
        return whole + (_random.NextDouble() < expected - whole ? 1 : 0);
    }
}
