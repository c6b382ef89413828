using Microsoft.Extensions.Logging;
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

    // Far more than the signals one subject can receive while another server's append is in flight.
    private const int RecentSeqCapacity = 256;

    private readonly IPersistentState<TState> _state;
    private readonly ILogger _logger;
    private IGrainTimer? _flushTimer;
    private bool _dirty;
    private double? _reportedScore;
    private RiskLevel? _reportedLevel;
    private SortedSet<long> _recentSeqs = [];
    private List<AlertRaise> _pendingAlerts = [];
    private IGrainTimer? _alertSender;

    protected SubjectGrain(IPersistentState<TState> state, SubjectServices services, ILogger logger)
    {
        _state = state;
        Services = services;
        _logger = logger;
    }

    protected SubjectServices Services { get; }

    protected TState State => _state.State;

    protected string SubjectId { get; private set; } = "";

    protected RiskHistory History { get; private set; } = RiskHistory.Empty;

    protected RiskAssessment Assessment { get; private set; } = new(0, []);

    protected abstract SubjectKind Kind { get; }

    /// <summary>The district the subject belongs to, for reports and reads.</summary>
    protected abstract string District { get; }

    protected abstract string? Name { get; }

    protected abstract bool Registered { get; }

    protected abstract string? Category { get; }

    protected abstract string? Owner { get; }

    protected abstract Task LoadProfileAsync(CancellationToken cancellationToken);

    protected abstract RiskAssessment Assess(DateTimeOffset now);

    /// <summary>Called after the score changed; units tell their owner here.</summary>
    protected virtual Task OnRescoredAsync(bool activation) => Task.CompletedTask;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        SubjectId = SubjectKeys.SubjectId(this.GetPrimaryKeyString());
        _recentSeqs = new SortedSet<long>(State.RecentSeqs);
        var history = RiskHistory.Empty;
        foreach (var retained in State.Events)
        {
            history = history.Apply(retained.ToRiskEvent(), Services.Catalog.Parameters);
        }

        History = history;

        // Both reads set off before either is awaited, so they share one batch (one lookup-lane turn, or one round trip each
        // at once) instead of queueing one after the other.
        var firstPage = Services.Log.ReadSubjectAsync(SubjectId, State.AppliedFloor, ReplayPageSize, cancellationToken);
        await LoadProfileAsync(cancellationToken);
        var levelBefore = State.Level ?? RiskLevel.Blue;
        var replayed = await ReplayLogAsync(firstPage, cancellationToken);
        Rescore();

        // Always report on activation: after a crash the district's snapshot may be older than ours, or hold a flag
        // this subject raised and cleared within one flush interval, which its own snapshot never recorded.
        await ReportAsync(force: true);
        await OnRescoredAsync(activation: true);

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
    }

    public async Task ApplyAsync(IReadOnlyList<SignalEnvelope> signals)
    {
        var applied = new List<RiskEvent>();
        var levelBefore = State.Level ?? RiskLevel.Blue;
        foreach (var signal in signals)
        {
            if (IsApplied(signal.Seq))
            {
                continue;
            }

            if (Fold(signal.Seq, signal.Kind, signal.OccurredAt, signal.IngestedAt, signal.Data) is { } folded)
            {
                applied.Add(folded);
            }
        }

        if (applied.Count > 0)
        {
            Rescore();
            await ReportAsync(force: false);
            await OnRescoredAsync(activation: false);
            QueueAlerts(applied, levelBefore);
        }
    }

    /// <summary>
    /// Queues the alerts that newly applied signals and the level they led to fire, and sends them in a turn of their own:
    /// neither a delivery nor a read that activated the subject waits on alert grains (after a crash those may sit on the
    /// dead server until it is declared dead). What fails is retried on the flush timer.
    /// </summary>
    private void QueueAlerts(IReadOnlyList<RiskEvent> applied, RiskLevel levelBefore)
    {
        var rules = Services.Alerts;
        var now = Services.Clock.GetUtcNow();
        var score = Math.Round(Assessment.Score, 2);
        var triggers = applied.SelectMany(e => rules.OnSignal(e, History, score, now))
            .Concat(rules.OnLevel(levelBefore, State.Level ?? RiskLevel.Blue, State.LastCause, score, now));
        foreach (var trigger in triggers)
        {
            _pendingAlerts.Add(new AlertRaise(trigger.Rule.Id, trigger.Seq, trigger.Level, trigger.Score, trigger.At, Kind, SubjectId, Name, District));
        }

        ScheduleAlertSend(TimeSpan.Zero);
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
        var assessment = Assess(now);
        var level = RiskLevels.Classify(assessment.Score, State.Level, Services.Catalog.Parameters);
        return Task.FromResult(new SubjectRiskView(
            SubjectId,
            Kind,
            Name,
            District,
            Math.Round(assessment.Score, 2),
            level,
            assessment.Reasons.Select(ToView).ToArray(),
            State.UpdatedAt,
            State.SignalCount,
            Registered,
            Category,
            Owner,
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
        var now = Services.Clock.GetUtcNow();
        Assessment = Assess(now);
        var level = RiskLevels.Classify(Assessment.Score, State.Level, Services.Catalog.Parameters);
        if (level != State.Level)
        {
            State.Level = level;
            MarkDirty();
        }
    }

    /// <summary>Tells the district the subject's level when it moved (or when forced), and its score when it is worth ranking.</summary>
    protected async Task ReportAsync(bool force)
    {
        var level = State.Level ?? RiskLevel.Blue;
        var score = Assessment.Score;
        var moved = level != _reportedLevel;
        var rankChanged = level != RiskLevel.Blue && Math.Abs(score - (_reportedScore ?? -1)) >= Services.Options.ReportScoreDelta;
        if (!force && !moved && !rankChanged)
        {
            return;
        }

        var district = District;
        if (State.ReportedDistrict is { } previous && previous != district)
        {
            // Moved while the grain was idle (its profile came from the directory at activation): the district
            // it was last reported to must forget it, or it stays counted there for good.
            await Services.Districts.ReportAsync(previous,
                new SubjectLevelReport(SubjectId, Kind, Name, RiskLevel.Blue, 0, State.LastCause, State.MaxIngestedAt, null));
        }

        var topReason = Assessment.Reasons.Count > 0 ? ToView(Assessment.Reasons[0]) : null;
        var report = new SubjectLevelReport(SubjectId, Kind, Name, level, Math.Round(score, 2), State.LastCause, State.MaxIngestedAt, topReason);
        await Services.Districts.ReportAsync(district, report);
        _reportedLevel = level;
        _reportedScore = score;
        if (State.ReportedDistrict != district)
        {
            State.ReportedDistrict = district;
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
            foreach (var signal in page.Where(s => !IsApplied(s.Seq)))
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
        SignalFacts facts;
        try
        {
            facts = SignalFactsCodec.FromJson(kind, data);
        }
        catch (FormatException error)
        {
            // Validated at the edge, so this is a log written by another version: skip it, loudly, and move on.
            LogUnreadable(_logger, error, SubjectId, seq);
            Remember(seq);
            return null;
        }

        var applied = new RiskEvent(seq, kind, occurredAt, facts);
        History = History.Apply(applied, Services.Catalog.Parameters);
        Remember(seq);
        State.SignalCount++;
        State.UpdatedAt = ingestedAt;
        State.MaxIngestedAt = State.MaxIngestedAt is { } max && max > ingestedAt ? max : ingestedAt;
        MarkChanged(seq);
        return applied;
    }

    private bool IsApplied(long seq) => seq <= State.AppliedFloor || _recentSeqs.Contains(seq);

    private void Remember(long seq)
    {
        _recentSeqs.Add(seq);
        State.LastSeq = Math.Max(State.LastSeq, seq);
        while (_recentSeqs.Count > RecentSeqCapacity)
        {
            var oldest = _recentSeqs.Min;
            _recentSeqs.Remove(oldest);
            State.AppliedFloor = Math.Max(State.AppliedFloor, oldest);
        }
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
        _flushTimer?.Dispose();
        _flushTimer = null;
        await FlushAsync(cancellationToken);
        ScheduleFlush();
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        await SendPendingAlertsAsync();
        if (!_dirty)
        {
            return;
        }

        State.Events = History.Events.Select(SnapshotEvent.From).ToList();
        State.RecentSeqs = [.. _recentSeqs];
        try
        {
            await _state.WriteSupersedingAsync(cancellationToken);
            _dirty = false;
            Services.Tracker.MarkClean(this.GetGrainId());
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Still dirty: the tracker holds the checkpoint back and the next tick retries.
            LogFlushFailed(_logger, error, SubjectId);
        }
    }

    private static ReasonView ToView(RiskReason reason) =>
        new(reason.Code, reason.Zh, reason.En, Math.Round(reason.Contribution, 2));

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Subject} replayed {Count} signals from the log, now at {Seq}")]
    private static partial void LogReplayed(ILogger logger, string subject, int count, long seq);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Subject}: logged signal {Seq} cannot be read and was skipped")]
    private static partial void LogUnreadable(ILogger logger, Exception error, string subject, long seq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Subject}: raising alert {Rule} failed; will retry")]
    private static partial void LogAlertFailed(ILogger logger, Exception error, string rule, string subject);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Subject}: writing the snapshot failed; will retry")]
    private static partial void LogFlushFailed(ILogger logger, Exception error, string subject);
}
