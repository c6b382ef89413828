using Orleans.Concurrency;

namespace RiskEngine.Abstractions;

/// <summary>A district's aggregate (keyed by its GB/T 2260 code): levels of its subjects and its top list.</summary>
public interface IDistrictGrain : IGrainWithStringKey
{
    Task ReportAsync(SubjectLevelReport report);

    /// <summary>Several subjects' reports in one message, as a server's <c>DistrictReports</c> gathers them.</summary>
    Task ReportManyAsync(SubjectLevelReport[] reports);

    /// <summary>
    /// A server's dispatch progress: every signal it acknowledged and ingested before <paramref name="appliedThrough"/>
    /// has been applied (and reported here). An idle server holds nothing back. The district's
    /// <see cref="DistrictSummary.MaxIngestedAt"/> advances to what every busy server has passed, once every active
    /// server has reported; a server is let go only when membership declares it dead and its tail has been replayed.
    /// </summary>
    /// <param name="server">The reporting server's silo, as membership knows it.</param>
    Task AdvanceAppliedAsync(SiloAddress server, DateTimeOffset appliedThrough, bool idle);

    [AlwaysInterleave]
    Task<DistrictSummary> GetSummaryAsync();

    /// <summary>The level the district last heard for each subject, in order (blue for those it holds no report of above blue).</summary>
    [AlwaysInterleave]
    Task<RiskEngine.Domain.RiskLevel[]> LevelsOfAsync(string[] subjectIds);
}
