namespace RiskEngine.LoadTests.Workload;

/// <summary>Makes one signal of a kind of traffic from a uniform 64-bit hash: a pure function, so any signal can be made again.</summary>
public interface ISignalGenerator
{
    /// <summary>A few words for the report, e.g. "sampling failures at 312 food businesses of 420106".</summary>
    string Description { get; }

    GeneratedSignal At(ulong hash);
}
