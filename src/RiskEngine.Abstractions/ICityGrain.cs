namespace RiskEngine.Abstractions;

/// <summary>The city (keyed 0): the sum of its districts.</summary>
public interface ICityGrain : IGrainWithIntegerKey
{
    Task<CitySummary> GetSummaryAsync();
}
