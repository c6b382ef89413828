namespace RiskEngine.Domain.Tests;

/// <summary>Counts drawn for simulated populations, from a seeded <see cref="Random"/> so every run draws the same.</summary>
public static class RandomCounts
{
    /// <summary>A Poisson-distributed count (Knuth's method: fine for the small means simulated here).</summary>
    public static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var count = 0;
        for (var product = random.NextDouble(); product > limit; product *= random.NextDouble())
        {
            count++;
        }

        return count;
    }
}
