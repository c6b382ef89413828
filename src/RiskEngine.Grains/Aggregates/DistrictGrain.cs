using Microsoft.Extensions.Logging;
using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Grains.Dispatch;
using RiskEngine.Grains.Subjects;

namespace RiskEngine.Grains.Aggregates;

/// <summary>
/// A district's aggregate. Subjects report their level (idempotently, ordered by version); the district keeps
/// those above blue, counts per level and ranks its top list. Written behind like the subjects.
/// </summary>
public sealed partial class DistrictGrain(
    [PersistentState("district", StorageNames.Snapshots)] IPersistentState<DistrictState> state,
    SubjectServices services,
    IClusterMembershipService membership,
    DispatchRecovery recovery,
    ILogger<DistrictGrain> logger) : Grain, IDistrictGrain
{
    private IGrainTimer? _flushTimer;
    private IGrainTimer? _publishTimer;
    private bool _dirty;
    private bool _unpublished;
    private readonly AppliedWatermark _applied = new(membership, recovery);
    private DistrictSummary? _summary;
    private FlaggedRanking _ranking = new([]);

    private DistrictState State => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _ranking = new FlaggedRanking(State.Flagged);
        _flushTimer = this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions
        {
            DueTime = services.Options.SnapshotFlushInterval,
            Period = services.Options.SnapshotFlushInterval,
            Interleave = false,
        });

        // Reports arrive in bursts; the wall hears of a district at most once per interval (coalesced).
        _publishTimer = this.RegisterGrainTimer(PublishAsync, new GrainTimerCreationOptions
        {
            DueTime = services.Options.WallPublishInterval,
            Period = services.Options.WallPublishInterval,
            Interleave = false,
        });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _flushTimer?.Dispose();
        _publishTimer?.Dispose();
        await FlushAsync(cancellationToken);
    }

    public Task ReportAsync(SubjectLevelReport report)
    {
        Apply(report);
        return Task.CompletedTask;
    }

    public Task ReportManyAsync(SubjectLevelReport[] reports)
    {
        foreach (var report in reports)
        {
            Apply(report);
        }

        return Task.CompletedTask;
    }

    private void Apply(SubjectLevelReport report)
    {
        var known = State.Flagged.TryGetValue(report.SubjectId, out var entry);
        if (known && entry!.Version > report.Version)
        {
            return;
        }

        if (report.Level == RiskLevel.Blue)
        {
            if (!known)
            {
                return;
            }

            State.Flagged.Remove(report.SubjectId);
            _ranking.Replace(report.SubjectId, entry, null);
        }
        else
        {
            var updated = new DistrictEntry(report.Kind, report.Name, report.Level, report.Score, report.Version, report.TopReason);
            State.Flagged[report.SubjectId] = updated;
            _ranking.Replace(report.SubjectId, known ? entry : null, updated);
        }

        _summary = null;
        _dirty = true;
        _unpublished = true;
        services.Tracker.MarkDirty(this.GetGrainId(), report.Version);
    }

    public Task<RiskLevel[]> LevelsOfAsync(string[] subjectIds) =>
        Task.FromResult(subjectIds.Select(id => State.Flagged.TryGetValue(id, out var entry) ? entry.Level : RiskLevel.Blue).ToArray());

    public async Task AdvanceAppliedAsync(SiloAddress server, DateTimeOffset appliedThrough, bool idle)
    {
        if (await _applied.AdvanceAsync(server, appliedThrough, idle))
        {
            _summary = null;
            _unpublished = true;
        }
    }

    public async Task<DistrictSummary> GetSummaryAsync()
    {
        if (_summary is { } cached)
        {
            return cached with { Counts = await CountAsync() };
        }

        var code = this.GetPrimaryKeyString();
        // Each kind gets its own places: units outscore entities in most districts, and a mixed list of twenty held no
        // entity at all, so the wall's entities tab stayed empty. The list stays in score order.
        var count = services.Options.DistrictTopCount;
        var ranked = _ranking.Top(int.MaxValue).Select(id => (Id: id, Entry: State.Flagged[id]));
        var top = ranked.Where(e => e.Entry.Kind == SubjectKind.Entity).Take(count)
            .Concat(ranked.Where(e => e.Entry.Kind == SubjectKind.Equipment).Take(count))
            .OrderByDescending(e => e.Entry.Score).ThenBy(e => e.Id, StringComparer.Ordinal)
            .Select(e => new RankedSubject(e.Id, e.Entry.Kind, e.Entry.Name, code, e.Entry.Score, e.Entry.Level, e.Entry.TopReason))
            .ToArray();
        // The servers' watermark alone: a subject's report says its own signals are applied, not that every signal ingested
        // before them is (another partition or server may still hold older ones), so its ingest time promises nothing.
        var summary = new DistrictSummary(code, await CountAsync(), top, _applied.Current);
        _summary = summary;
        return summary;
    }

    private async Task<LevelCounts> CountAsync()
    {
        var (yellow, orange, red) = _ranking.Counts;

        var known = await services.Directory.CountByDistrictAsync();
        known.TryGetValue(this.GetPrimaryKeyString(), out var subjects);
        var blue = Math.Max(0, subjects - yellow - orange - red);
        return new LevelCounts(blue, yellow, orange, red);
    }

    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        if (!_unpublished)
        {
            return;
        }

        _unpublished = false;
        try
        {
            await GrainFactory.GetGrain<IWallFeedGrain>(0).PublishDistrictAsync(await GetSummaryAsync());
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            _unpublished = true;
            LogPublishFailed(logger, error, this.GetPrimaryKeyString());
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (!_dirty)
        {
            return;
        }

        try
        {
            await state.WriteSupersedingAsync(cancellationToken);
            _dirty = false;
            services.Tracker.MarkClean(this.GetGrainId());
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogFlushFailed(logger, error, this.GetPrimaryKeyString());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "District {District}: publishing to the wall failed; will retry")]
    private static partial void LogPublishFailed(ILogger logger, Exception error, string district);

    [LoggerMessage(Level = LogLevel.Warning, Message = "District {District}: writing the snapshot failed; will retry")]
    private static partial void LogFlushFailed(ILogger logger, Exception error, string district);
}
