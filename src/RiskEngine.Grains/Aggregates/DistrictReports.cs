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

    // How long a batch waits for its districts before the queue takes the next one. Waiting is what gathers the next
    // batch; bounding it means a district on a server that just died holds back only its own subjects (each report is
    // answered by its own district's call), never another district's or the queue.
    private static readonly TimeSpan MaxHold = TimeSpan.FromMilliseconds(50);

    private readonly BatchQueue<(string District, SubjectLevelReport Report), Task> _queue;

    public DistrictReports(IGrainFactory grains)
    {
        _grains = grains;
        _queue = BatchQueue<(string, SubjectLevelReport), Task>.Asynchronous(SendAsync, MaxReportsPerBatch, concurrency: 4);
    }

    /// <summary>Completes once <paramref name="district"/> has applied the report.</summary>
    public async Task ReportAsync(string district, SubjectLevelReport report)
    {
        var delivered = await _queue.EnqueueAsync((district, report)).ConfigureAwait(false);
        await delivered.ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<Task>> SendAsync(IReadOnlyList<(string District, SubjectLevelReport Report)> reports, CancellationToken cancellationToken)
    {
        var delivered = new Task[reports.Count];
        var calls = new List<Task>();
        foreach (var indexes in Enumerable.Range(0, reports.Count).GroupBy(i => reports[i].District, StringComparer.Ordinal))
        {
            var call = _grains.GetDistrict(indexes.Key).ReportManyAsync(indexes.Select(i => reports[i].Report).ToArray());
            calls.Add(call);
            foreach (var i in indexes)
            {
                delivered[i] = call;
            }
        }

        await Task.WhenAll(calls).WaitAsync(MaxHold, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return delivered;
    }

    public ValueTask DisposeAsync() => _queue.DisposeAsync();
}
