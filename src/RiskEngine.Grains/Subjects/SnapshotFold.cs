using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Domain.Alerts;
using RiskEngine.Grains.Placement;
using RiskEngine.Storage;

namespace RiskEngine.Grains.Subjects;

/// <summary>
/// Folds signals of subjects that have no grain in memory straight into their snapshots. At city scale nearly every
/// signal names a subject that is not in memory, and activating a grain for it (directory registration, a grain object
/// the collector must later trace, timers, a deactivation that writes again) cost more than the fold itself. Here the
/// subject's snapshot and registration are read (each batched with other subjects'), the signals folded through
/// the same <see cref="SubjectFold"/> a grain uses, alerts raised and district and owner told as a grain would, and the
/// snapshot written with its version guard. A subject that is read, or has signals often, gets a grain as before.
/// <para>
/// Safe only where the subject has no grain anywhere: this server must own it (<see cref="SubjectOwnership"/>), have no
/// grain of it (<see cref="SubjectResidency"/>), and membership must have been still long enough for other servers to send
/// away grains they no longer own. Should all that still be beaten by a race, the version guard refuses one of the two
/// writes, and a grain that loses rebuilds from the stored snapshot and the log.
/// </para>
/// </summary>
public sealed partial class SnapshotFold
{
    // A fold holds its subject while it tells alert grains, district and owner; one of them may sit on a server that died
    // and is not yet declared dead. Past this, the fold gives up and the subject's grain applies the signals instead,
    // so a read of the subject (which waits for the fold) waits no longer than this.
    private static readonly TimeSpan TellLimit = TimeSpan.FromSeconds(2);

    private readonly BatchedGrainStorage _snapshots;
    private readonly SubjectResidency _residency;
    private readonly SubjectServices _services;
    private readonly IGrainFactory _grains;
    private readonly ActiveSilos _activeSilos;
    private readonly SiloAddress _localSilo;
    private readonly EngineMetrics _metrics;
    private readonly ILogger<SnapshotFold> _logger;
    private readonly RecentSubjects _recent;
    private readonly EngineOptions _options;
    private MembershipVersion _sweptVersion = MembershipVersion.MinValue;

    public SnapshotFold(
        BatchedGrainStorage snapshots,
        SubjectResidency residency,
        SubjectServices services,
        IGrainFactory grains,
        ActiveSilos activeSilos,
        ILocalSiloDetails localSilo,
        EngineMetrics metrics,
        IOptions<EngineOptions> options,
        ILogger<SnapshotFold> logger)
    {
        _snapshots = snapshots;
        _residency = residency;
        _services = services;
        _grains = grains;
        _activeSilos = activeSilos;
        _localSilo = localSilo.SiloAddress;
        _metrics = metrics;
        _logger = logger;
        _options = options.Value;
        _recent = new RecentSubjects(_options.FoldRecentSubjectSlots);
    }

    /// <summary>
    /// Folds the signals into the subject's snapshot without a grain; false when the subject should go to its grain instead
    /// (it has one here, had signals lately, is not ours to fold now, or the fold could not finish), having changed nothing
    /// the grain will not redo from the log.
    /// </summary>
    public async Task<bool> TryFoldAsync(SubjectKind kind, string subjectId, GrainId grain, IReadOnlyList<SignalEnvelope> signals)
    {
        if (!_options.FoldIdleSubjects || !MayFold(grain))
        {
            return false;
        }

        if (_recent.Touch(grain.GetUniformHashCode(), _options.FoldRecentWindow) || !_residency.TryClaimForFold(grain, out var claim))
        {
            return false;
        }

        try
        {
            var folded = kind == SubjectKind.Entity
                ? await FoldAsync<EntityState, EntityFacts>(StorageNames.EntityState, grain, subjectId, signals, EntityFacts.LoadAsync)
                : await FoldAsync<EquipmentState, EquipmentFacts>(StorageNames.EquipmentState, grain, subjectId, signals, EquipmentFacts.LoadAsync);
            if (folded)
            {
                _metrics.RecordFolded(signals.Count);
            }

            return folded;
        }
        catch (Exception error)
        {
            LogFoldFailed(_logger, error, subjectId);
            return false;
        }
        finally
        {
            _residency.Release(claim);
        }
    }

    private async Task<bool> FoldAsync<TState, TFacts>(
        string stateName, GrainId grain, string subjectId, IReadOnlyList<SignalEnvelope> signals,
        Func<ISubjectDirectory, string, CancellationToken, Task<TFacts>> loadFacts)
        where TState : SubjectState, new()
        where TFacts : SubjectFacts
    {
        // Snapshot and registration at once, each joining a batch of other subjects'. No log tail is read, unlike a grain's
        // activation: every logged signal reaches its subject through dispatch (a failing delivery is parked, never given
        // up; a server that dies is replayed from its checkpoint), so what the snapshot lacks is what is being delivered.
        var factsRead = loadFacts(_services.Directory, subjectId, CancellationToken.None);
        var (stored, version) = await _snapshots.ReadAsync<TState>(stateName, grain);
        var state = stored ?? new TState();
        var facts = await factsRead;
        var fold = new SubjectFold(state, _services.Catalog.Parameters);
        var levelBefore = fold.Level;

        // A signal delivered again is a retry or a recovery replay: a district or owner on a server that died may have lost
        // what this subject told it, so it is told again, as a grain activating after a crash would.
        var replay = signals.Any(s => fold.IsApplied(s.Seq));
        var applied = new List<RiskEvent>();
        var changed = false;
        foreach (var signal in signals.OrderBy(s => s.Seq))
        {
            if (fold.IsApplied(signal.Seq))
            {
                continue;
            }

            changed = true;
            var folded = fold.Fold(signal.Seq, signal.Kind, signal.OccurredAt, signal.IngestedAt, signal.Data);
            if (folded.Unreadable is { } unreadable)
            {
                LogUnreadable(_logger, unreadable, subjectId, signal.Seq);
            }
            else
            {
                applied.Add(folded.Applied!);
            }
        }

        if (!changed && !replay)
        {
            return true;
        }

        var now = _services.Clock.GetUtcNow();
        fold.Rescore(facts.Assess(_services.Model, state, fold.History, now));

        // Told before the snapshot is written: should the write lose its guard, the grain that takes over folds the same
        // signals from the log and tells the same again, which alert grains and districts take as a repeat.
        foreach (var raise in fold.AlertsFor(applied, levelBefore, _services.Alerts, now, subjectId, facts))
        {
            await _grains.GetGrain<IAlertGrain>(AlertCase.IdOf(raise.Rule, raise.SubjectId)).RaiseAsync(raise).WaitAsync(TellLimit);
        }

        var reports = fold.ReportsDue(force: replay, _options.ReportScoreDelta, subjectId, facts);
        foreach (var (district, report) in reports)
        {
            await _services.Districts.ReportAsync(district, report).WaitAsync(TellLimit);
        }

        if (reports.Count > 0)
        {
            fold.Reported(facts);
        }

        if (state is EquipmentState unit)
        {
            await OwnerReports.SendAsync(_grains, unit, facts, subjectId, fold.Assessment.Score, force: replay, _options.ReportScoreDelta).WaitAsync(TellLimit);
        }

        fold.PrepareSnapshot();
        return await _snapshots.TryWriteAsync(stateName, grain, state, version) is not null;
    }

    /// <summary>
    /// Whether this server may fold the subject now: it owns the subject, and membership has not moved for a while (when
    /// it moves, grains of subjects another server now owns are sent out of memory here, and the others do the same).
    /// </summary>
    private bool MayFold(GrainId grain)
    {
        var view = CurrentView();
        if (view.Silos.Length > 1)
        {
            if (Environment.TickCount64 - view.SeenAtTicks < (long)_options.FoldMembershipSettle.TotalMilliseconds)
            {
                return false;
            }

            if (!SubjectOwnership.Owner(grain, view.Silos).Equals(_localSilo))
            {
                return false;
            }
        }

        return true;
    }

    private ActiveSiloView CurrentView()
    {
        var view = _activeSilos.Current;
        var swept = _sweptVersion;
        if (view.Version != swept)
        {
            // Racing callers may both start a sweep: a grain asked twice to leave memory leaves once.
            _sweptVersion = view.Version;
            if (swept != MembershipVersion.MinValue)
            {
                _ = SendAwayGrainsNotOwnedAsync(view.Silos);
            }
        }

        return view;
    }

    /// <summary>Grains here of subjects another server owns now write what they hold and leave memory.</summary>
    private async Task SendAwayGrainsNotOwnedAsync(SiloAddress[] silos)
    {
        if (silos.Length == 0)
        {
            return;
        }

        var leaving = _residency.Residents().Where(g => !SubjectOwnership.Owner(g, silos).Equals(_localSilo)).ToArray();
        if (leaving.Length == 0)
        {
            return;
        }

        LogSendingAway(_logger, leaving.Length);
        foreach (var chunk in leaving.Chunk(256))
        {
            await Task.WhenAll(chunk.Select(async g =>
            {
                try
                {
                    await _grains.GetGrain<ISubjectGrain>(g).LeaveMemoryAsync();
                }
                catch (Exception error)
                {
                    LogSendAwayFailed(_logger, error, g);
                }
            }));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Folding signals into the snapshot of {Subject} failed; its grain applies them instead")]
    private static partial void LogFoldFailed(ILogger logger, Exception error, string subject);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Subject}: logged signal {Seq} cannot be read and was skipped")]
    private static partial void LogUnreadable(ILogger logger, Exception error, string subject, long seq);

    [LoggerMessage(Level = LogLevel.Information, Message = "Membership moved: {Count} subject grains owned by other servers now leave memory here")]
    private static partial void LogSendingAway(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sending {Grain} out of memory failed; it leaves when idle")]
    private static partial void LogSendAwayFailed(ILogger logger, Exception error, GrainId grain);
}
