using Orleans.Concurrency;

namespace RiskEngine.Abstractions;

/// <summary>A district's aggregate (keyed by its GB/T 2260 code): levels of its subjects and its top list.</summary>
public interface IDistrictGrain : IGrainWithStringKey
{
    Task ReportAsync(SubjectLevelReport report);

    [AlwaysInterleave]
    Task<DistrictSummary> GetSummaryAsync();
}
