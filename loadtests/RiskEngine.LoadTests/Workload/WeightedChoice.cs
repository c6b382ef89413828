namespace RiskEngine.LoadTests.Workload;

/// <summary>
/// Picks an index with probability proportional to its weight from a uniform 64-bit hash, so a generated city is a
/// pure function of its seed: the same hash always picks the same index.
/// </summary>
public sealed class WeightedChoice
{
    private readonly double[] _cumulative;

    public WeightedChoice(IReadOnlyList<double> weights)
    {
        if (weights.Count == 0 || weights.Any(w => w < 0 || double.IsNaN(w)) || weights.Sum() <= 0)
        {
            throw new ArgumentException("Weights must be non-negative, with a positive sum.", nameof(weights));
        }

        var total = weights.Sum();
        _cumulative = new double[weights.Count];
        var running = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            running += weights[i] / total;
            _cumulative[i] = running;
        }

        _cumulative[^1] = 1.0;
    }

    public int Count => _cumulative.Length;

    /// <summary>The index chosen by <paramref name="hash"/> (uniform over all 64-bit values).</summary>
    public int Pick(ulong hash)
    {
        // The top 53 bits make a uniform double in [0, 1).
        var u = (hash >> 11) * (1.0 / (1UL << 53));
        var index = Array.BinarySearch(_cumulative, u);
        index = index >= 0 ? index + 1 : ~index;
        return Math.Min(index, _cumulative.Length - 1);
    }
}
