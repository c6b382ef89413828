using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Domain.Alerts;

namespace RiskEngine.Grains.Subjects;

/// <summary>
/// A subject's snapshot opened for folding: its retained history rebuilt and the log positions it includes known. The
/// subject's grain and <see cref="SnapshotFold"/> (subjects with no grain in memory) both fold through it, so a signal
/// counts the same whichever applies it, and each position at most once.
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
    /// Folds one logged signal the subject has not applied yet. Facts that cannot be read (a log written by another
    /// version; validated at the edge otherwise) are skipped, and their position still counts as applied.
    /// </summary>
    public FoldedSignal Fold(long seq, SignalKind kind, DateTimeOffset occurredAt, DateTimeOffset ingestedAt, string data)
    {
        SignalFacts facts;
        try
        {
            facts = SignalFactsCodec.FromJson(kind, data);
        }
        catch (FormatException error)
        {
            Remember(seq);
            return new FoldedSignal(null, error);
        }

        var applied = new RiskEvent(seq, kind, occurredAt, facts);
        History = History.Apply(applied, _parameters);
        Remember(seq);
        State.SignalCount++;
        State.UpdatedAt = ingestedAt;
        State.MaxIngestedAt = State.MaxIngestedAt is { } max && max > ingestedAt ? max : ingestedAt;
        State.LastCause = Math.Max(State.LastCause, seq);
        return new FoldedSignal(applied, null);
    }

    /// <summary>Takes a fresh assessment and classifies it (with hysteresis); true when the level moved.</summary>
    public bool Rescore(RiskAssessment assessment)
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

    /// <summary>The alerts that newly applied signals and the level they led to fire.</summary>
    public IEnumerable<AlertRaise> AlertsFor(IReadOnlyList<RiskEvent> applied, RiskLevel levelBefore, AlertRuleSet rules, DateTimeOffset now, string subjectId, SubjectFacts facts)
    {
        var score = Math.Round(Assessment.Score, 2);
        var triggers = applied.SelectMany(e => rules.OnSignal(e, History, score, now))
            .Concat(rules.OnLevel(levelBefore, Level, State.LastCause, score, now));
        return triggers.Select(t => new AlertRaise(t.Rule.Id, t.Seq, t.Level, t.Score, t.At, facts.Kind, subjectId, facts.Name, facts.District));
    }

    /// <summary>
    /// The level reports the district(s) are owed: when the level moved since the last report, when a flagged subject's
    /// score moved enough to change its rank, or always when <paramref name="force"/>d. A subject that moved district
    /// first clears itself from the old one.
    /// </summary>
    public IReadOnlyList<DistrictReport> ReportsDue(bool force, double scoreDelta, string subjectId, SubjectFacts facts)
    {
        var level = Level;
        var score = Assessment.Score;
        var moved = level != State.ReportedLevel;
        var rankChanged = level != RiskLevel.Blue && Math.Abs(score - (State.ReportedScore ?? -1)) >= scoreDelta;
        if (!force && !moved && !rankChanged)
        {
            return [];
        }

        var reports = new List<DistrictReport>(2);
        if (State.ReportedDistrict is { } previous && previous != facts.District)
        {
            reports.Add(new DistrictReport(previous,
                new SubjectLevelReport(subjectId, facts.Kind, facts.Name, RiskLevel.Blue, 0, State.LastCause, State.MaxIngestedAt, null)));
        }

        var topReason = Assessment.Reasons.Count > 0 ? ReasonViews.Of(Assessment.Reasons[0]) : null;
        reports.Add(new DistrictReport(facts.District,
            new SubjectLevelReport(subjectId, facts.Kind, facts.Name, level, Math.Round(score, 2), State.LastCause, State.MaxIngestedAt, topReason)));
        return reports;
    }

    /// <summary>Records that the reports of <see cref="ReportsDue"/> were delivered; true when the district itself changed.</summary>
    public bool Reported(SubjectFacts facts)
    {
        State.ReportedLevel = Level;
        State.ReportedScore = Assessment.Score;
        if (State.ReportedDistrict == facts.District)
        {
            return false;
        }

        State.ReportedDistrict = facts.District;
        return true;
    }

    /// <summary>Puts the retained history and applied positions into <see cref="State"/>, ready to be written.</summary>
    public void PrepareSnapshot()
    {
        State.Events = History.Events.Select(SnapshotEvent.From).ToList();
        State.RecentSeqs = [.. _recentSeqs];
    }

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
}

/// <summary>The outcome of folding one signal: the event applied, or why its facts could not be read.</summary>
public readonly record struct FoldedSignal(RiskEvent? Applied, FormatException? Unreadable);

/// <summary>A level report and the district it goes to.</summary>
public readonly record struct DistrictReport(string District, SubjectLevelReport Report);

/// <summary>The wire form of a risk reason.</summary>
public static class ReasonViews
{
    public static ReasonView Of(RiskReason reason) => new(reason.Code, reason.Zh, reason.En, Math.Round(reason.Contribution, 2));
}
