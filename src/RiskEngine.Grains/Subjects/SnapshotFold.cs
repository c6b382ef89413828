using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Domain.Alerts;
using RiskEngine.Grains.Placement;
using RiskEngine.Grains.Dispatch;
using RiskEngine.Storage;
using RiskEngine.Storage.Snapshots;

namespace RiskEngine.Grains.Subjects;

/// <summary>
/// Applies signals of subjects that have no grain in memory to their snapshots, which stay in memory here
/// (<see cref="ResidentGrainStorage"/>). At city scale nearly every signal names a subject that is not in memory as a
/// grain, and activating one for it (directory registration, a grain object the collector must later trace, timers,
/// a deactivation) cost more than the fold itself. The snapshot and registration are read (from memory, or batched with
/// other subjects' reads), the signals applied through <see cref="SubjectFold.Apply"/>, the effects sent through
/// <see cref="SubjectEffectSender"/>, and the snapshot stored with its version guard. A subject that is read, or has
/// signals often, gets a grain, which applies them the same way.
/// <para>
/// Safe only where the subject has no grain anywhere: this server must own it (<see cref="SubjectOwnership"/>), have no
/// grain of it (<see cref="SubjectResidency"/>), and membership must have been still long enough for other servers to send
/// away grains and snapshots they no longer own. Should all that still be beaten by a race, the version guard refuses one
/// of the two writes, and the loser rebuilds from the stored snapshot and the log.
/// </para>
/// </summary>
public sealed partial class SnapshotFold
{
    // A fold holds its subject while it tells district and owner; one of them may sit on a server that died and is not yet
    // declared dead. Past this, the fold gives up and the subject's grain applies the signals instead,
    // so a read of the subject (which waits for the fold) waits no longer than this.
    private static readonly TimeSpan TellLimit = TimeSpan.FromSeconds(2);

    private readonly ResidentGrainStorage _snapshots;
    private readonly ResidentSnapshots _residentSnapshots;
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
        ResidentGrainStorage snapshots,
        ResidentSnapshots residentSnapshots,
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
        _residentSnapshots = residentSnapshots;
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
    /// Applies the signals to the subject's snapshot without a grain; false when the subject should go to its grain instead
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
        // Snapshot and registration at once. No log tail is read, unlike a grain's activation: every logged signal reaches
        // its subject through dispatch (a failing delivery is parked, never given up; a server that dies is replayed from
        // its checkpoint), so what the snapshot lacks is what is being delivered.
        var factsRead = loadFacts(_services.Directory, subjectId, CancellationToken.None);
        var (stored, version) = await _snapshots.ReadAsync<TState>(stateName, grain);
        var state = stored ?? new TState();
        var facts = await factsRead;
        return await ApplyAndStoreAsync(stateName, grain, subjectId, state, facts, signals, version, forceReports: false);
    }

    /// <param name="changedBy">
    /// The log position of a change the caller made to <paramref name="state"/> itself (an owned unit's risk; 0 when the unit
    /// had no signal yet), null when none: the snapshot is then stored even if the score did not move.
    /// </param>
    private async Task<bool> ApplyAndStoreAsync<TState>(
        string stateName, GrainId grain, string subjectId, TState state, SubjectFacts facts, IReadOnlyList<SignalEnvelope> signals,
        int? version, bool forceReports, long? changedBy = null)
        where TState : SubjectState
    {
        var fold = new SubjectFold(state, _services.Catalog.Parameters);
        if (changedBy is { } cause)
        {
            fold.Changed(cause);
        }

        var effects = fold.Apply(subjectId, facts, signals, _services.Clock.GetUtcNow(), _services.Rules, forceReports);
        _services.Outcomes.Queue(effects.Outcomes);
        foreach (var unreadable in effects.Unreadable)
        {
            LogUnreadable(_logger, unreadable.Error, subjectId, unreadable.Seq);
        }

        if (!effects.Changed && !effects.Replay && !forceReports && changedBy is null)
        {
            return true;
        }

        // Told before the snapshot is stored: should the store refuse it, the grain that takes over applies the same
        // signals from the log and tells the same again, which alert grains and districts take as a repeat.
        await _services.Effects.QueueAlertsAsync(effects.Alerts);

        await _services.Effects.SendReportsAsync(effects, TellLimit);
        fold.Delivered(effects, facts);
        fold.PrepareSnapshot();
        return _snapshots.TryWrite(stateName, grain, state, version) is not null;
    }

    /// <summary>
    /// The subject's risk now without bringing a grain into memory: its grain's answer when it has one here, else scored
    /// from its stored snapshot and registration, as the grain would score it. Nothing is written.
    /// </summary>
    public async Task<SubjectRiskView> ReadAsync(SubjectKind kind, string subjectId)
    {
        var grain = SubjectGrains.Of(_grains, kind, subjectId);
        if (_residency.HasGrain(grain.GetGrainId()))
        {
            return await grain.GetRiskAsync();
        }

        return kind == SubjectKind.Entity
            ? await ReadAsync<EntityState, EntityFacts>(StorageNames.EntityState, grain.GetGrainId(), subjectId, EntityFacts.LoadAsync)
            : await ReadAsync<EquipmentState, EquipmentFacts>(StorageNames.EquipmentState, grain.GetGrainId(), subjectId, EquipmentFacts.LoadAsync);
    }

    private async Task<SubjectRiskView> ReadAsync<TState, TFacts>(
        string stateName, GrainId grain, string subjectId, Func<ISubjectDirectory, string, CancellationToken, Task<TFacts>> loadFacts)
        where TState : SubjectState, new()
        where TFacts : SubjectFacts
    {
        var factsRead = loadFacts(_services.Directory, subjectId, CancellationToken.None);
        var (stored, _) = await _snapshots.ReadAsync<TState>(stateName, grain);
        var state = stored ?? new TState();
        var facts = await factsRead;
        return SubjectViews.Of(subjectId, facts, state, new SubjectFold(state, _services.Catalog.Parameters).History, _services, _services.Clock.GetUtcNow());
    }

    /// <summary>
    /// Applies an owned unit's latest risk to its owner's snapshot without bringing a grain into memory, as the owner's grain
    /// would (<see cref="EntityGrain.ReportEquipmentAsync"/>); by the grain when the owner has one here, is being folded, is
    /// not ours to fold now, or the store refuses.
    /// </summary>
    public async Task ReportOwnedUnitAsync(string ownerUscc, string code, double score, long version)
    {
        var owner = _grains.GetEntity(ownerUscc);
        var grain = owner.GetGrainId();
        if (!_options.FoldIdleSubjects || !MayFold(grain) || !_residency.TryClaimForFold(grain, out var claim))
        {
            await owner.ReportEquipmentAsync(code, score, version);
            return;
        }

        bool stored;
        try
        {
            var factsRead = EntityFacts.LoadAsync(_services.Directory, ownerUscc, CancellationToken.None);
            var (read, snapshotVersion) = await _snapshots.ReadAsync<EntityState>(StorageNames.EntityState, grain);
            var state = read ?? new EntityState();
            if (state.Equipment.TryGetValue(code, out var known) && known.Version > version)
            {
                return;
            }

            state.Equipment[code] = new OwnedUnitRisk(score, version);
            stored = await ApplyAndStoreAsync(StorageNames.EntityState, grain, ownerUscc, state, await factsRead, [], snapshotVersion, forceReports: false, changedBy: version);
        }
        catch (Exception error)
        {
            LogFoldFailed(_logger, error, ownerUscc);
            stored = false;
        }
        finally
        {
            _residency.Release(claim);
        }

        if (!stored)
        {
            await owner.ReportEquipmentAsync(code, score, version);
        }
    }

    /// <summary>
    /// Rebuilds a snapshot whose bulk write the table refused (another server stored the row since it was read here): from
    /// the stored row and the log past it, so whatever either server applied counts once. A grain of the subject here
    /// rebuilds itself the same way.
    /// </summary>
    public async Task RebuildAsync(SnapshotKey key)
    {
        var grain = GrainOf(key);
        var subjectId = SubjectKeys.SubjectId(key.GrainKey);
        if (!_residency.TryClaimForFold(grain, out var claim))
        {
            await _grains.GetGrain<ISubjectGrain>(grain).RebuildAsync();
            return;
        }

        try
        {
            var rebuilt = key.StateName == StorageNames.EntityState
                ? await RebuildAsync<EntityState, EntityFacts>(key.StateName, grain, subjectId, EntityFacts.LoadAsync)
                : await RebuildAsync<EquipmentState, EquipmentFacts>(key.StateName, grain, subjectId, EquipmentFacts.LoadAsync);
            if (!rebuilt)
            {
                throw new InvalidOperationException($"The rebuilt snapshot of {subjectId} was superseded again.");
            }
        }
        finally
        {
            _residency.Release(claim);
        }
    }

    private async Task<bool> RebuildAsync<TState, TFacts>(
        string stateName, GrainId grain, string subjectId, Func<ISubjectDirectory, string, CancellationToken, Task<TFacts>> loadFacts)
        where TState : SubjectState, new()
        where TFacts : SubjectFacts
    {
        var (stored, version) = await _snapshots.ReadAsync<TState>(stateName, grain);
        var state = stored ?? new TState();
        var tail = SubjectLogTail.ReadAsync(_services.Log, subjectId, new SubjectFold(state, _services.Catalog.Parameters), CancellationToken.None);
        var facts = await loadFacts(_services.Directory, subjectId, CancellationToken.None);
        return await ApplyAndStoreAsync(stateName, grain, subjectId, state, facts, await tail, version, forceReports: true);
    }

    /// <summary>Whether a signal of the subject that arrived now would be folded here, were its grain not in memory.</summary>
    public bool MayFoldNow(GrainId grain) => _options.FoldIdleSubjects && MayFold(grain);

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

    /// <summary>Snapshots and grains here of subjects another server owns now are written and leave memory.</summary>
    private async Task SendAwayGrainsNotOwnedAsync(SiloAddress[] silos)
    {
        if (silos.Length == 0)
        {
            return;
        }

        await _residentSnapshots.EvictAsync(key => !SubjectOwnership.Owner(GrainOf(key), silos).Equals(_localSilo));
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

    private GrainId GrainOf(SnapshotKey key) =>
        SubjectGrains.Of(_grains, key.StateName == StorageNames.EntityState ? SubjectKind.Entity : SubjectKind.Equipment, SubjectKeys.SubjectId(key.GrainKey)).GetGrainId();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Folding signals into the snapshot of {Subject} failed; its grain applies them instead")]
    private static partial void LogFoldFailed(ILogger logger, Exception error, string subject);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Subject}: logged signal {Seq} cannot be read and was skipped")]
    private static partial void LogUnreadable(ILogger logger, Exception error, string subject, long seq);

    [LoggerMessage(Level = LogLevel.Information, Message = "Membership moved: {Count} subject grains owned by other servers now leave memory here")]
    private static partial void LogSendingAway(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sending {Grain} out of memory failed; it leaves when idle")]
    private static partial void LogSendAwayFailed(ILogger logger, Exception error, GrainId grain);
}
