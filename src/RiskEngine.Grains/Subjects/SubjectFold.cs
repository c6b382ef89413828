using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Domain.Alerts;
using RiskEngine.Domain.Learning;

namespace RiskEngine.Grains.Subjects;

/// <summary>
/// The one way a subject's signals are applied: a subject's snapshot opened for folding (its retained history rebuilt and
/// the log positions it includes known), and <see cref="Apply"/>, which folds signals in log order (each position at
/// most once), rescores at a given time and returns what the world must hear as data (<see cref="SubjectEffects"/>).
/// No I/O: the subject's grain and <see cref="SnapshotFold"/> (subjects with no grain in memory) are thin callers that
/// load the snapshot, send the effects through <see cref="SubjectEffectSender"/> and store the snapshot.
/// </summary>
public sealed class SubjectFold
{
    // Far more than the signals one subject can receive while another server's append is in flight.
    private const int RecentSeqCapacity = 256;

    private readonly RiskModelParameters _parameters;
    private readonly SortedSet<long> _recentSeqs;

    public SubjectFold(SubjectState state, RiskModelParameters parameters)
    {
        State = state;
        _parameters = parameters;
        _recentSeqs = new SortedSet<long>(state.RecentSeqs);
        var history = RiskHistory.Empty;
        foreach (var retained in state.Events)
        {
            history = history.Apply(retained.ToRiskEvent(), parameters);
        }

        History = history;
    }

    public SubjectState State { get; }

    public RiskHistory History { get; private set; }

    public RiskAssessment Assessment { get; private set; } = new(0, []);

    public RiskLevel Level => State.Level ?? RiskLevel.Blue;

    public bool IsApplied(long seq) => seq <= State.AppliedFloor || _recentSeqs.Contains(seq);

    /// <summary>
    /// Folds the signals not applied yet, in log order, rescores at <paramref name="now"/> and returns the effects due.
    /// A signal already applied is a retry or a recovery replay (unless <paramref name="isRepeat"/> says it is not): a
    /// district or owner on a server that died may have lost what this subject told it, so reports are then forced, as
    /// they are when <paramref name="forceReports"/>. Facts that cannot be read (a log written by another version;
    /// validated at the edge otherwise) are skipped, listed, and their position still counts as applied.
    /// </summary>
    public SubjectEffects Apply(
        string subjectId, SubjectFacts facts, IReadOnlyList<SignalEnvelope> signals, DateTimeOffset now, SubjectRules rules,
        bool forceReports = false, Func<long, bool>? isRepeat = null)
    {
        var levelBefore = Level;
        var replay = false;
        var changed = false;
        var applied = new List<RiskEvent>(signals.Count);
        List<UnreadableSignal>? unreadable = null;
        List<ModelOutcome>? outcomes = null;
        foreach (var signal in signals.Count > 1 ? signals.OrderBy(s => s.Seq) : (IEnumerable<SignalEnvelope>)signals)
        {
            if (IsApplied(signal.Seq))
            {
                replay |= isRepeat?.Invoke(signal.Seq) ?? true;
                continue;
            }

            changed = true;
            var (folded, error) = Fold(signal, subjectId, facts, rules.Model, ref outcomes);
            if (folded is not null)
            {
                applied.Add(folded);
            }
            else
            {
                (unreadable ??= []).Add(new UnreadableSignal(signal.Seq, error!));
            }
        }

        var levelMoved = Rescore(facts.Assess(rules.Model, State, History, now));
        var force = forceReports || replay;
        var alerts = applied.Count > 0 || levelMoved ? AlertsFor(applied, levelBefore, rules.Alerts, now, subjectId, facts) : [];
        var reports = ReportsDue(force, rules.ReportScoreDelta, subjectId, facts);
        var owner = State is EquipmentState unit ? OwnerReports.Due(unit, facts, subjectId, Assessment.Score, force, rules.ReportScoreDelta) : null;
        return new SubjectEffects(changed || levelMoved, replay, alerts, reports, owner, unreadable ?? (IReadOnlyList<UnreadableSignal>)[])
        {
            Outcomes = outcomes ?? (IReadOnlyList<ModelOutcome>)[],
        };
    }

    /// <summary>
    /// Records that <paramref name="effects"/>' reports were delivered, so they are not owed again; true when that changed
    /// the snapshot (the district or owner it last told).
    /// </summary>
    public bool Delivered(SubjectEffects effects, SubjectFacts facts)
    {
        var changed = false;
        if (effects.Reports.Count > 0)
        {
            State.ReportedLevel = Level;
            State.ReportedScore = Assessment.Score;
            if (State.ReportedDistrict != facts.District)
            {
                State.ReportedDistrict = facts.District;
                changed = true;
            }
        }

        if (effects.Owner is { } owner && State is EquipmentState unit)
        {
            changed |= OwnerReports.Record(unit, owner);
        }

        return changed;
    }

    /// <summary>A change that did not come from the subject's own signals (an owned unit's risk), caused by log position <paramref name="cause"/>.</summary>
    public void Changed(long cause)
    {
        State.LastCause = Math.Max(State.LastCause, cause);
        NoteUnwritten(cause);
    }

    /// <summary>Puts the retained history and applied positions into <see cref="State"/>, ready to be written.</summary>
    public void PrepareSnapshot()
    {
        State.Events = History.Events.Select(SnapshotEvent.From).ToList();
        State.RecentSeqs = [.. _recentSeqs];
    }

    /// <summary>Takes a fresh assessment and classifies it (with hysteresis); true when the level moved.</summary>
    private bool Rescore(RiskAssessment assessment)
    {
        Assessment = assessment;
        var level = RiskLevels.Classify(assessment.Score, State.Level, _parameters);
        if (level == State.Level)
        {
            return false;
        }

        State.Level = level;
        return true;
    }

    /// <summary>
    /// Folds one signal into the history; an outcome (an inspection, sampling or equipment-inspection result) is first
    /// paired with the components just before it (<see cref="OutcomeCapture"/>), so it never shapes what it is judged against.
    /// </summary>
    private (RiskEvent? Applied, FormatException? Unreadable) Fold(SignalEnvelope signal, string subjectId, SubjectFacts subject, RiskModel model, ref List<ModelOutcome>? outcomes)
    {
        Remember(signal.Seq);
        SignalFacts facts;
        try
        {
            facts = SignalFactsCodec.FromJson(signal.Kind, signal.Data);
        }
        catch (FormatException error)
        {
            return (null, error);
        }

        var applied = new RiskEvent(signal.Seq, signal.Kind, signal.OccurredAt, facts);
        if (OutcomeCapture.Pair(subjectId, applied, History, (history, at) => subject.Components(model, State, history, at)) is { } outcome)
        {
            (outcomes ??= []).Add(outcome with { ModelVersion = model.Fitted.Version });
        }

        History = History.Apply(applied, _parameters);
        State.SignalCount++;
        State.UpdatedAt = signal.IngestedAt;
        State.MaxIngestedAt = State.MaxIngestedAt is { } max && max > signal.IngestedAt ? max : signal.IngestedAt;
        State.LastCause = Math.Max(State.LastCause, signal.Seq);
        return (applied, null);
    }

    /// <summary>The alerts that newly applied signals and the level they led to fire.</summary>
    private IReadOnlyList<AlertRaise> AlertsFor(IReadOnlyList<RiskEvent> applied, RiskLevel levelBefore, AlertRuleSet rules, DateTimeOffset now, string subjectId, SubjectFacts facts)
    {
        var score = Math.Round(Assessment.Score, 2);
        var triggers = applied.SelectMany(e => rules.OnSignal(e, History, score, now))
            .Concat(rules.OnLevel(levelBefore, Level, State.LastCause, score, now));
        return triggers.Select(t => new AlertRaise(t.Rule.Id, t.Seq, t.Level, t.Score, t.At, facts.Kind, subjectId, facts.Name, facts.District)).ToArray();
    }

    /// <summary>
    /// The level reports the district(s) are owed: when the level moved since the last report, when a flagged subject's
    /// score moved enough to change its rank, or always when forced. A subject that moved district first clears itself
    /// from the old one.
    /// </summary>
    private IReadOnlyList<DistrictReport> ReportsDue(bool force, double scoreDelta, string subjectId, SubjectFacts facts)
    {
        var level = Level;
        var score = Assessment.Score;
        var moved = level != State.ReportedLevel;
        var rankChanged = level != RiskLevel.Blue && Math.Abs(score - (State.ReportedScore ?? -1)) >= scoreDelta;
        var districtMoved = State.ReportedDistrict is { } previous && previous != facts.District;
        if (!force && !moved && !rankChanged && !districtMoved)
        {
            return [];
        }

        var reports = new List<DistrictReport>(2);
        if (districtMoved)
        {
            reports.Add(new DistrictReport(State.ReportedDistrict!,
                new SubjectLevelReport(subjectId, facts.Kind, facts.Name, RiskLevel.Blue, 0, State.LastCause, State.MaxIngestedAt, null)));
        }

        var topReason = Assessment.Reasons.Count > 0 ? ReasonViews.Of(Assessment.Reasons[0]) : null;
        reports.Add(new DistrictReport(facts.District,
            new SubjectLevelReport(subjectId, facts.Kind, facts.Name, level, Math.Round(score, 2), State.LastCause, State.MaxIngestedAt, topReason)));
        return reports;
    }

    private void Remember(long seq)
    {
        _recentSeqs.Add(seq);
        State.LastSeq = Math.Max(State.LastSeq, seq);
        NoteUnwritten(seq);
        while (_recentSeqs.Count > RecentSeqCapacity)
        {
            var oldest = _recentSeqs.Min;
            _recentSeqs.Remove(oldest);
            State.AppliedFloor = Math.Max(State.AppliedFloor, oldest);
        }
    }

    private void NoteUnwritten(long seq)
    {
        if (seq > 0 && (State.UnwrittenFrom == 0 || seq < State.UnwrittenFrom))
        {
            State.UnwrittenFrom = seq;
        }
    }
}

/// <summary>What folding a subject's signals owes the world: alerts to raise, district and owner reports to send.</summary>
/// <param name="Changed">The snapshot changed and must be stored.</param>
/// <param name="Replay">Some signals had been applied before: a retry or a recovery replay.</param>
public sealed record SubjectEffects(
    bool Changed,
    bool Replay,
    IReadOnlyList<AlertRaise> Alerts,
    IReadOnlyList<DistrictReport> Reports,
    OwnerReport? Owner,
    IReadOnlyList<UnreadableSignal> Unreadable)
{
    /// <summary>Outcomes paired with the components just before them, for the model's fits (see <see cref="OutcomeRecorder"/>).</summary>
    public IReadOnlyList<ModelOutcome> Outcomes { get; init; } = [];
}

/// <summary>The model, rules and thresholds a fold applies, the same for every subject of a server.</summary>
public sealed record SubjectRules(RiskModel Model, AlertRuleSet Alerts, double ReportScoreDelta);

/// <summary>A logged signal whose facts could not be read; skipped, its position counted as applied.</summary>
public readonly record struct UnreadableSignal(long Seq, FormatException Error);

/// <summary>A level report and the district it goes to.</summary>
public readonly record struct DistrictReport(string District, SubjectLevelReport Report);

/// <summary>The wire form of a risk reason.</summary>
public static class ReasonViews
{
    public static ReasonView Of(RiskReason reason) => new(reason.Code, reason.Zh, reason.En, Math.Round(reason.Contribution, 2));
}
