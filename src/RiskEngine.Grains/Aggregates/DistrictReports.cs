using RiskEngine.Abstractions;
using RiskEngine.Storage.Batching;

namespace RiskEngine.Grains.Aggregates;

/// <summary>
/// Carries subjects' level reports to their districts, gathered: every activating subject reports (after a crash the
/// district may hold a flag the subject's snapshot never saw), so at city scale a thirteen-district city would otherwise
/// take one message per activation on thirteen grains. Reports waiting together go as one message per district; each
/// caller still waits until its district has applied its report, and hears of a failure of its own district's call.
/// </summary>
public sealed class DistrictReports : IAsyncDisposable
{
    private const int MaxReportsPerBatch = 2000;

    private readonly IGrainFactory _grains;
    private readonly BatchQueue<(string District, SubjectLevelReport Report), Exception?> _queue;

    public DistrictReports(IGrainFactory grains)
    {
        _grains = grains;
        _queue = BatchQueue<(string, SubjectLevelReport), Exception?>.Asynchronous(SendAsync, MaxReportsPerBatch, concurrency: 4);
    }

    /// <summary>Completes once <paramref name="district"/> has applied the report.</summary>
    public async Task ReportAsync(string district, SubjectLevelReport report)
    {
        if (await _queue.EnqueueAsync((district, report)).ConfigureAwait(false) is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    private async Task<IReadOnlyList<Exception?>> SendAsync(IReadOnlyList<(string District, SubjectLevelReport Report)> reports, CancellationToken cancellationToken)
    {
        var outcomes = new Exception?[reports.Count];
        var byDistrict = Enumerable.Range(0, reports.Count).GroupBy(i => reports[i].District, StringComparer.Ordinal);
        await Task.WhenAll(byDistrict.Select(async indexes =>
        {
            try
            {
                await _grains.GetDistrict(indexes.Key).ReportManyAsync(indexes.Select(i => reports[i].Report).ToArray()).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                foreach (var i in indexes)
                {
                    outcomes[i] = error;
                }
            }
        })).ConfigureAwait(false);
        return outcomes;
    }

    public ValueTask DisposeAsync() => _queue.DisposeAsync();
}
