using RiskEngine.LoadTests.Workload;

namespace RiskEngine.LoadTests.Traffic;

/// <summary>One phase of a scenario's traffic: its name, how long it runs, and the streams offered together during it.</summary>
public sealed record PhasePlan(string Name, string Description, TimeSpan Duration, IReadOnlyList<TrafficStream> Streams)
{
    public RateProfile TotalRate => new(Streams.Sum(s => s.Rate.StartPerSecond), Streams.Sum(s => s.Rate.EndPerSecond));
}
