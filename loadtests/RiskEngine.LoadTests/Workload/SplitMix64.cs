namespace RiskEngine.LoadTests.Workload;

/// <summary>SplitMix64's finaliser: a fast, well-spread hash of a 64-bit number (Steele, Lea, Flood 2014).</summary>
public static class SplitMix64
{
    public static ulong Hash(ulong value)
    {
        var z = value + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
