using Microsoft.Extensions.Logging;
using Orleans.Storage;
using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Storage;

namespace RiskEngine.Grains.Subjects;

/// <summary>
/// A subject in memory: loads its snapshot, replays the log past it, and applies signals through
/// <see cref="SubjectFold.Apply"/> like any other caller; it sends the effects through <see cref="SubjectEffectSender"/>
/// and stores the snapshot after every change (in memory, written to the table in bulk by <see cref="ResidentGrainStorage"/>).
/// Alerts go through the server's alert outbox, so neither a delivery nor a read waits on alert grains.
/// </summary>
public abstract partial class SubjectGrain<TState> : Grain, ISubjectGrain
    where TState : SubjectState, new()
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly IPersistentState<TState> _state;
    private readonly SnapshotFold _snapshotFold;
    private readonly ILogger _logger;
    private bool _read;
    private bool _tellOnActivation;
    private IGrainTimer? _activationTeller;
    private bool _unstored;
    private SubjectFold _fold = null!;

    // What activation replayed from the log: usually the very signals whose delivery activated the grain, which are no repeat.
    private HashSet<long> _replayedAtActivation = [];

    protected SubjectGrain(IPersistentState<TState> state, SubjectServices services, SnapshotFold snapshotFold, ILogger logger)
    {
        _state = state;
        Services = services;
        _snapshotFold = snapshotFold;
        _logger = logger;
    }

    protected SubjectServices Services { get; }

    protected TState State => _state.State;

    protected string SubjectId { get; private set; } = "";

    /// <summary>The subject's registration, read at activation and replaced when it is registered again.</summary>
    protected SubjectFacts Facts { get; set; } = null!;

    protected abstract Task<SubjectFacts> LoadFactsAsync(CancellationToken cancellationToken);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        SubjectId = SubjectKeys.SubjectId(this.GetPrimaryKeyString());
        try
        {
            await ActivateAsync(cancellationToken);
        }
        catch
        {
            // Nothing was applied, so nothing is held only here: the subject may be folded without a grain again.
            Services.Residency.Leave(this.GetGrainId());
            throw;
        }
    }

    private async Task ActivateAsync(CancellationToken cancellationToken)
    {
        _fold = new SubjectFold(State, Services.Catalog.Parameters);

        // Both reads set off before either is awaited, so they share one batch instead of queueing one after the other.
        var tail = SubjectLogTail.ReadAsync(Services.Log, SubjectId, _fold, cancellationToken);
        Facts = await LoadFactsAsync(cancellationToken);
        var replayed = await tail;
        if (replayed.Count > 0)
        {
            LogReplayed(_logger, SubjectId, replayed.Count, replayed[^1].Seq);
        }

        _replayedAtActivation = replayed.Select(s => s.Seq).ToHashSet();

        // Signals replayed here were never applied by a live grain, so their alerts may never have been raised (raising
        // twice is a repeat).
        var effects = ApplyNow(replayed);
        await Services.Effects.QueueAlertsAsync(effects.Alerts);
        if (effects.Changed)
        {
            await StoreAsync(cancellationToken);
        }

        // Always tell the district (and a unit's owner) on activation: after a crash the district's snapshot may be older
        // than ours, or hold a flag this subject raised and cleared before its snapshot was stored. Told in a turn of its
        // own, like alerts: the district may sit on a server that just died and is not yet declared dead, and a read that
        // activated this subject must not wait for that.
        _tellOnActivation = true;
        ScheduleActivationTell(TimeSpan.Zero);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_unstored)
        {
            await StoreRebuildingIfSupersededAsync(cancellationToken);
        }

        if (!_unstored)
        {
            // Everything applied is in the stored snapshot: a fold without the grain may take over. A grain that could not
            // store stays counted, so its signals go to a next activation, which replays them from the log.
            Services.Residency.Leave(this.GetGrainId());
        }
    }

    public async Task ApplyAsync(IReadOnlyList<SignalEnvelope> signals)
    {
        var effects = ApplyNow(signals, isRepeat: seq => !_replayedAtActivation.Remove(seq));
        if (effects.Changed || effects.Replay)
        {
            await SendAndStoreAsync(effects, mustStore: false);
        }

        // A grain that only ever applied signals (activated while membership settled, or because a fold failed) leaves
        // memory as soon as its subject may be folded again: kept until the idle collection, every subject that had a
        // signal in the settling seconds after a server joined went on applying through its grain, at a tenth more CPU
        // per signal for the two-server cluster. A subject that is read keeps its grain.
        if (!_read && _snapshotFold.MayFoldNow(this.GetGrainId()))
        {
            DeactivateOnIdle();
        }
    }

    public Task LeaveMemoryAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public async Task RebuildAsync()
    {
        _unstored = true;
        await StoreRebuildingIfSupersededAsync(CancellationToken.None);
        if (_unstored)
        {
            throw new InvalidOperationException($"The snapshot of {SubjectId} could not be rebuilt; see the log.");
        }
    }

    public Task<SubjectRiskView> GetRiskAsync()
    {
        _read = true;
        return Task.FromResult(SubjectViews.Of(SubjectId, Facts, State, _fold.History, Services, Services.Clock.GetUtcNow()));
    }

    /// <summary>
    /// Rescores after a change that is not one of the subject's own signals (a new registration, an owned unit's risk),
    /// caused by log position <paramref name="cause"/> when there is one; tells whom it is owed and stores the snapshot.
    /// </summary>
    protected Task ChangedAsync(long cause, bool forceReports)
    {
        _fold.Changed(cause);
        return SendAndStoreAsync(ApplyNow([], forceReports), mustStore: true);
    }

    private SubjectEffects ApplyNow(IReadOnlyList<SignalEnvelope> signals, bool forceReports = false, Func<long, bool>? isRepeat = null)
    {
        var effects = _fold.Apply(SubjectId, Facts, signals, Services.Clock.GetUtcNow(), Services.Rules, forceReports, isRepeat);
        Services.Outcomes.Queue(effects.Outcomes);
        foreach (var unreadable in effects.Unreadable)
        {
            // Validated at the edge, so this is a log written by another version: skipped, loudly.
            LogUnreadable(_logger, unreadable.Error, SubjectId, unreadable.Seq);
        }

        return effects;
    }

    private async Task SendAndStoreAsync(SubjectEffects effects, bool mustStore)
    {
        await Services.Effects.SendReportsAsync(effects);
        var delivered = _fold.Delivered(effects, Facts);
        await Services.Effects.QueueAlertsAsync(effects.Alerts);
        if (mustStore || effects.Changed || delivered)
        {
            await StoreAsync(CancellationToken.None);
        }
    }

    private async Task StoreAsync(CancellationToken cancellationToken)
    {
        _fold.PrepareSnapshot();
        try
        {
            await _state.WriteStateAsync(cancellationToken);
            _unstored = false;
        }
        catch (InconsistentStateException error)
        {
            // Someone else stored the snapshot since this grain read it: an activation on a server that died, or a fold
            // where the subject is owned now that membership moved.
            LogSuperseded(_logger, error, SubjectId);
            _unstored = true;
            await StoreRebuildingIfSupersededAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Stores what this grain holds; when someone else stored the snapshot since this grain read it, neither need include
    /// what the other applied, but everything either applied is in the log. So the grain starts again from the stored
    /// snapshot and replays the log past it, as a fresh activation would, and stores that.
    /// </summary>
    private async Task StoreRebuildingIfSupersededAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _state.ReadStateAsync(cancellationToken);
            _fold = new SubjectFold(State, Services.Catalog.Parameters);
            var replayed = await SubjectLogTail.ReadAsync(Services.Log, SubjectId, _fold, cancellationToken);
            var effects = ApplyNow(replayed, forceReports: true);
            await Services.Effects.SendReportsAsync(effects);
            _fold.Delivered(effects, Facts);
            await Services.Effects.QueueAlertsAsync(effects.Alerts);
            _fold.PrepareSnapshot();
            await _state.WriteStateAsync(cancellationToken);
            _unstored = false;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogStoreFailed(_logger, error, SubjectId);
        }
    }

    private void ScheduleActivationTell(TimeSpan due)
    {
        if (_tellOnActivation && _activationTeller is null)
        {
            _activationTeller = this.RegisterGrainTimer(TellOnActivationAsync, new GrainTimerCreationOptions
            {
                DueTime = due,
                Period = Timeout.InfiniteTimeSpan,
                Interleave = true,
            });
        }
    }

    private async Task TellOnActivationAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SendAndStoreAsync(ApplyNow([], forceReports: true), mustStore: false);
            _tellOnActivation = false;
        }
        catch (Exception error)
        {
            LogTellFailed(_logger, error, SubjectId);
        }

        _activationTeller?.Dispose();
        _activationTeller = null;
        ScheduleActivationTell(RetryDelay);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Subject} replayed {Count} signals from the log, up to {Seq}")]
    private static partial void LogReplayed(ILogger logger, string subject, int count, long seq);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Subject}: logged signal {Seq} cannot be read and was skipped")]
    private static partial void LogUnreadable(ILogger logger, Exception error, string subject, long seq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Subject}: telling its district or owner on activation failed; will retry")]
    private static partial void LogTellFailed(ILogger logger, Exception error, string subject);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Subject}: storing the snapshot failed; the next change or deactivation retries")]
    private static partial void LogStoreFailed(ILogger logger, Exception error, string subject);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Subject}: the snapshot was stored elsewhere since this grain read it; rebuilding from it and the log")]
    private static partial void LogSuperseded(ILogger logger, Exception error, string subject);
}
