namespace RiskEngine.LoadTests.Baselines;

/// <summary>The trivial grain of the bare grain-call baseline: one call, one small argument, one small answer.</summary>
public interface IPingGrain : IGrainWithIntegerKey
{
    Task<int> PingAsync(int value);
}
