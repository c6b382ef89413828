using Microsoft.Extensions.Logging;
using Orleans.Storage;
using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Domain.Alerts;
using RiskEngine.Storage;

namespace RiskEngine.Grains.Subjects;

/// <summary>
/// The life of a subject's grain: load the snapshot, replay the log past it, fold signals in log order (each
/// position once), rescore, tell the district when the level moves, and write the snapshot behind.
/// </summary>
public abstract partial class SubjectGrain<TState> : Grain, ISubjectGrain
    where TState : SubjectState, new()
{
    private const int ReplayPageSize = 1000;

    private readonly IPersistentState<TState> _state;
    private readonly ILogger _logger;
    private IGrainTimer? _flushTimer;
    private bool _dirty;
    private List<AlertRaise> _pendingAlerts = [];
    private IGrainTimer? _alertSender;
    private bool _tellOnActivation;
    private IGrainTimer? _activationTeller;
    private SubjectFold _fold = null!;

    // What activation replayed from the log: usually the very signals whose delivery activated the grain, which are no repeat.
    private HashSet<long> _replayedAtActivation = [];

    protected SubjectGrain(IPersistentState<TState> state, SubjectServices services, ILogger logger)
    {
        _state = state;
        Services = services;
        _logger = logger;
    }

    protected SubjectServices Services { get; }

    protected TState State => _state.State;

    protected string SubjectId { get; private set; } = "";

    /// <summary>The subject's registration, read at activation and replaced when it is registered again.</summary>
    protected SubjectFacts Facts { get; set; } = null!;

    protected RiskAssessment Assessment => _fold.Assessment;

    protected abstract Task<SubjectFacts> LoadFactsAsync(CancellationToken cancellationToken);

    /// <summary>Called after the score changed; units tell their owner here.</summary>
    protected virtual Task OnRescoredAsync(bool activation) => Task.CompletedTask;

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

        // Both reads set off before either is awaited, so they share one batch (one lookup-lane turn, or one round trip each
        // at once) instead of queueing one after the other.
        var firstPage = Services.Log.ReadSubjectAsync(SubjectId, State.AppliedFloor, ReplayPageSize, cancellationToken);
        Facts = await LoadFactsAsync(cancellationToken);
        var levelBefore = _fold.Level;
        var replayed = await ReplayLogAsync(firstPage, cancellationToken);
        _replayedAtActivation = replayed.Select(e => e.Seq).ToHashSet();
        Rescore();

        // Always tell the district (and a unit's owner) on activation: after a crash the district's snapshot may be older
        // than ours, or hold a flag this subject raised and cleared within one flush interval, which its own snapshot never
        // recorded. Told in a turn of its own, like alerts: the district may sit on a server that just died and is not yet
        // declared dead, and a read that activated this subject must not wait for that.
        _tellOnActivation = true;
        ScheduleActivationTell(TimeSpan.Zero);

        // Signals replayed here were never applied by a live grain, so their alerts may never have been raised (raising twice
        // is harmless). Raised in a turn of their own: after a crash the alert grains may sit on the dead server until it is
        // declared dead, and a read that activated this subject must not wait for that.
        QueueAlerts(replayed, levelBefore);
        ScheduleFlush();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _flushTimer?.Dispose();
        await FlushAsync(cancellationToken);
        if (!_dirty)
        {
            // Everything applied is in the snapshot: a fold without the grain may take over. A grain that could not write
            // stays counted, so its signals go to a next activation, which replays them from the log.
            Services.Residency.Leave(this.GetGrainId());
        }
    }

    public async Task ApplyAsync(IReadOnlyList<SignalEnvelope> signals)
    {
        var applied = new List<RiskEvent>();
        var levelBefore = _fold.Level;
        var replay = false;
        foreach (var signal in signals)
        {
            if (_fold.IsApplied(signal.Seq))
            {
                replay |= !_replayedAtActivation.Remove(signal.Seq);
            }
            else if (Fold(signal.Seq, signal.Kind, signal.OccurredAt, signal.IngestedAt, signal.Data) is { } folded)
            {
                applied.Add(folded);
            }
        }

        if (applied.Count > 0 || replay)
        {
            // A signal delivered again is a retry or a recovery replay: a district or owner on a server that died may have
            // lost what this subject told it since its last snapshot, so it is told again (a repeat changes nothing).
            Rescore();
            await ReportAsync(force: replay);
            await OnRescoredAsync(activation: replay);
            QueueAlerts(applied, levelBefore);
        }
    }

    public Task LeaveMemoryAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Queues the alerts that newly applied signals and the level they led to fire, and sends them in a turn of their own:
    /// neither a delivery nor a read that activated the subject waits on alert grains (after a crash those may sit on the
    /// dead server until it is declared dead). What fails is retried on the flush timer.
    /// </summary>
    private void QueueAlerts(IReadOnlyList<RiskEvent> applied, RiskLevel levelBefore)
    {
        _pendingAlerts.AddRange(_fold.AlertsFor(applied, levelBefore, Services.Alerts, Services.Clock.GetUtcNow(), SubjectId, Facts));
        ScheduleAlertSend(TimeSpan.Zero);
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
            await ReportAsync(force: true);
            await OnRescoredAsync(activation: true);
            _tellOnActivation = false;
        }
        catch (Exception error)
        {
            LogTellFailed(_logger, error, SubjectId);
        }

        _activationTeller?.Dispose();
        _activationTeller = null;
        ScheduleActivationTell(TimeSpan.FromSeconds(1));
    }

    private void ScheduleAlertSend(TimeSpan due)
    {
        if (_pendingAlerts.Count > 0 && _alertSender is null)
        {
            // Interleaved: deliveries go on while alert grains answer (each raise commits to the store). The send
            // takes the queue before its first await, so what a delivery queues meanwhile waits for the next send.
            _alertSender = this.RegisterGrainTimer(SendQueuedAlertsAsync, new GrainTimerCreationOptions
            {
                DueTime = due,
                Period = Timeout.InfiniteTimeSpan,
                Interleave = true,
            });
        }
    }

    private async Task SendQueuedAlertsAsync(CancellationToken cancellationToken)
    {
        // One send at a time, so a subject's raises reach their alert grains in the order they were queued.
        await SendPendingAlertsAsync();
        _alertSender?.Dispose();
        _alertSender = null;

        // Raised meanwhile go at once; failed ones (kept in the queue) are retried a little later.
        ScheduleAlertSend(TimeSpan.FromSeconds(1));
    }

    private async Task SendPendingAlertsAsync()
    {
        if (_pendingAlerts.Count == 0)
        {
            return;
        }

        var pending = _pendingAlerts;
        _pendingAlerts = [];
        foreach (var raise in pending)
        {
            try
            {
                await GrainFactory.GetGrain<IAlertGrain>(AlertCase.IdOf(raise.Rule, raise.SubjectId)).RaiseAsync(raise);
            }
            catch (Exception error)
            {
                LogAlertFailed(_logger, error, raise.Rule, SubjectId);
                _pendingAlerts.Add(raise);
            }
        }
    }

    public Task<SubjectRiskView> GetRiskAsync()
    {
        var now = Services.Clock.GetUtcNow();
        var assessment = Facts.Assess(Services.Model, State, _fold.History, now);
        var level = RiskLevels.Classify(assessment.Score, State.Level, Services.Catalog.Parameters);
        return Task.FromResult(new SubjectRiskView(
            SubjectId,
            Facts.Kind,
            Facts.Name,
            Facts.District,
            Math.Round(assessment.Score, 2),
            level,
            assessment.Reasons.Select(ReasonViews.Of).ToArray(),
            State.UpdatedAt,
            State.SignalCount,
            Facts.Registered,
            Facts.Category,
            Facts.Owner,
            State.LastSeq));
    }

    /// <summary>Marks the subject changed by log position <paramref name="cause"/>: its snapshot must be written.</summary>
    protected void MarkChanged(long cause)
    {
        State.LastCause = Math.Max(State.LastCause, cause);
        MarkDirty();
        Services.Tracker.MarkDirty(this.GetGrainId(), cause);
    }

    /// <summary>Recomputes the score and level at the current time.</summary>
    protected void Rescore()
    {
        if (_fold.Rescore(Facts.Assess(Services.Model, State, _fold.History, Services.Clock.GetUtcNow())))
        {
            MarkDirty();
        }
    }

    /// <summary>Tells the district the subject's level when it moved (or when forced), and its score when it is worth ranking.</summary>
    protected async Task ReportAsync(bool force)
    {
        var reports = _fold.ReportsDue(force, Services.Options.ReportScoreDelta, SubjectId, Facts);
        foreach (var (district, report) in reports)
        {
            await Services.Districts.ReportAsync(district, report);
        }

        if (reports.Count > 0 && _fold.Reported(Facts))
        {
            MarkDirty();
        }
    }

    private async Task<List<RiskEvent>> ReplayLogAsync(Task<IReadOnlyList<LoggedSignal>> firstPage, CancellationToken cancellationToken)
    {
        var replayed = new List<RiskEvent>();
        var pending = firstPage;
        while (true)
        {
            var page = await pending;
            foreach (var signal in page.Where(s => !_fold.IsApplied(s.Seq)))
            {
                if (Fold(signal.Seq, signal.Kind, signal.OccurredAt, signal.IngestedAt, signal.Data) is { } folded)
                {
                    replayed.Add(folded);
                }
            }

            if (page.Count < ReplayPageSize)
            {
                break;
            }

            pending = Services.Log.ReadSubjectAsync(SubjectId, page[^1].Seq, ReplayPageSize, cancellationToken);
        }

        if (replayed.Count > 0)
        {
            LogReplayed(_logger, SubjectId, replayed.Count, State.LastSeq);
        }

        return replayed;
    }

    private RiskEvent? Fold(long seq, SignalKind kind, DateTimeOffset occurredAt, DateTimeOffset ingestedAt, string data)
    {
        var folded = _fold.Fold(seq, kind, occurredAt, ingestedAt, data);
        if (folded.Unreadable is { } error)
        {
            // Validated at the edge, so this is a log written by another version: skip it, loudly, and move on.
            LogUnreadable(_logger, error, SubjectId, seq);
            return null;
        }

        MarkChanged(seq);
        return folded.Applied;
    }

    /// <summary>Marks the snapshot as needing a write, due within the flush interval.</summary>
    private void MarkDirty()
    {
        _dirty = true;
        ScheduleFlush();
    }

    /// <summary>
    /// A one-shot timer while there is something to write (a changed snapshot, or alerts to retry), none otherwise:
    /// most active subjects are idle, and a periodic timer each would keep the runtime's timer queue long for nothing.
    /// </summary>
    private void ScheduleFlush()
    {
        if (_flushTimer is null && (_dirty || _pendingAlerts.Count > 0))
        {
            _flushTimer = this.RegisterGrainTimer(FlushOnTimerAsync, new GrainTimerCreationOptions
            {
                DueTime = Services.Options.SnapshotFlushInterval,
                Period = Timeout.InfiniteTimeSpan,
                Interleave = false,
            });
        }
    }

    private async Task FlushOnTimerAsync(CancellationToken cancellationToken)
    {
        // Disposed only after the flush: disposing a grain timer cancels the token its callback was given.
        await FlushAsync(cancellationToken);
        _flushTimer?.Dispose();
        _flushTimer = null;
        ScheduleFlush();
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        await SendPendingAlertsAsync();
        if (!_dirty)
        {
            return;
        }

        try
        {
            _fold.PrepareSnapshot();
            try
            {
                await _state.WriteStateAsync(cancellationToken);
            }
            catch (InconsistentStateException error)
            {
                LogSuperseded(_logger, error, SubjectId);
                await RebuildFromStoredAsync(cancellationToken);
                _fold.PrepareSnapshot();
                await _state.WriteStateAsync(cancellationToken);
            }

            _dirty = false;
            Services.Tracker.MarkClean(this.GetGrainId());
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Still dirty: the tracker holds the checkpoint back and the next tick retries.
            LogFlushFailed(_logger, error, SubjectId);
        }
    }

    /// <summary>
    /// Someone else wrote the snapshot since this grain read it: an activation on a server that died, or a fold where the
    /// subject is owned now that membership moved. Neither need include what this grain applied, nor this grain what they
    /// did; but everything either applied is in the log. So the grain starts again from the stored snapshot and replays the
    /// log past it, as a fresh activation would. Alerts were raised by whoever applied the signals.
    /// </summary>
    private async Task RebuildFromStoredAsync(CancellationToken cancellationToken)
    {
        await _state.ReadStateAsync(cancellationToken);
        _fold = new SubjectFold(State, Services.Catalog.Parameters);
        await ReplayLogAsync(Services.Log.ReadSubjectAsync(SubjectId, State.AppliedFloor, ReplayPageSize, cancellationToken), cancellationToken);
        Rescore();
        await ReportAsync(force: true);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Subject} replayed {Count} signals from the log, now at {Seq}")]
    private static partial void LogReplayed(ILogger logger, string subject, int count, long seq);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Subject}: logged signal {Seq} cannot be read and was skipped")]
    private static partial void LogUnreadable(ILogger logger, Exception error, string subject, long seq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Subject}: raising alert {Rule} failed; will retry")]
    private static partial void LogAlertFailed(ILogger logger, Exception error, string rule, string subject);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Subject}: telling its district or owner on activation failed; will retry")]
    private static partial void LogTellFailed(ILogger logger, Exception error, string subject);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Subject}: writing the snapshot failed; will retry")]
    private static partial void LogFlushFailed(ILogger logger, Exception error, string subject);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Subject}: the snapshot was written elsewhere since this grain read it; rebuilding from it and the log")]
    private static partial void LogSuperseded(ILogger logger, Exception error, string subject);
}
