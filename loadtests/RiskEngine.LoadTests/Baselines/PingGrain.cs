namespace RiskEngine.LoadTests.Baselines;

/// <summary>Does nothing but answer, so the baseline measures Orleans' own cost of a call: messaging, scheduling, copying.</summary>
public sealed class PingGrain : Grain, IPingGrain
{
    private int _calls;

    public Task<int> PingAsync(int value)
    {
        _calls++;
        return Task.FromResult(value + _calls);
    }
}
