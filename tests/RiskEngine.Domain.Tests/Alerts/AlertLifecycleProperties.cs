using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RiskEngine.Domain.Alerts;

namespace RiskEngine.Domain.Tests.Alerts;

/// <summary>The alert state machine: one owner, idempotent raises, escalation and quiet-period timing.</summary>
public sealed class AlertLifecycleProperties
{
    private static readonly AlertRuleSet Rules = AlertRuleSet.Parse(ShippedSeeds.Read("alert-rules.json"));
    private static readonly AlertRule HighRisk = Rules.ById["high-risk"];
    private static readonly DateTimeOffset Start = Scenarios.Now;

    [Property(MaxTest = 200)]
    public bool Whatever_the_order_exactly_one_acknowledgement_wins_and_the_rest_name_the_winner(NonEmptyArray<NonNegativeInt> actors)
    {
        var alert = Open(RiskLevel.Red);
        string? winner = null;
        var wins = 0;
        foreach (var actor in actors.Get.Select(a => "officer-" + (a.Get % 7)))
        {
            var change = AlertLifecycle.Acknowledge(alert, actor, null, Start.AddMinutes(1));
            if (change.Next is { } next)
            {
                wins++;
                winner = actor;
                alert = next;
            }
            else if (change.Refusal?.By != winner)
            {
                return false;
            }
        }

        return wins == 1 && alert.AcknowledgedBy == winner && alert.State == AlertState.Acknowledged;
    }

    [Property(MaxTest = 200)]
    public bool Raising_the_same_log_position_twice_counts_once(PositiveInt seq)
    {
        var trigger = new AlertTrigger(HighRisk, seq.Get, RiskLevel.Orange, 60, Start);
        var first = AlertLifecycle.Raise(null, trigger, SubjectKind.Entity, "S", null, "420112").Next!;
        var again = AlertLifecycle.Raise(first, trigger, SubjectKind.Entity, "S", null, "420112");
        var later = AlertLifecycle.Raise(first, trigger with { Seq = seq.Get + 1 }, SubjectKind.Entity, "S", null, "420112");
        return !again.Changed && later.Next!.Occurrences == 2 && later.Next.Version == 2;
    }

    [Property(MaxTest = 100)]
    public bool Every_change_raises_the_version_by_one_and_writes_one_audit_entry(PositiveInt minutes)
    {
        var opened = Open(RiskLevel.Red);
        var escalated = AlertLifecycle.Escalate(opened, Rules, Start.AddMinutes(10 + (minutes.Get % 9)));
        var acknowledged = AlertLifecycle.Acknowledge(escalated.Next!, "a", "n", Start.AddMinutes(20));
        var resolved = AlertLifecycle.Resolve(acknowledged.Next!, "b", "done", Start.AddMinutes(30));
        return new[] { escalated, acknowledged, resolved }.Select((c, i) => c.Next!.Version == i + 2 && c.Audit is not null).All(x => x);
    }

    [Fact]
    public void An_unacknowledged_red_alert_escalates_once_per_period_and_stops_when_acknowledged()
    {
        var alert = Open(RiskLevel.Red);

        Assert.False(AlertLifecycle.Escalate(alert, Rules, Start.AddMinutes(9)).Changed);
        var first = AlertLifecycle.Escalate(alert, Rules, Start.AddMinutes(10)).Next!;
        Assert.False(AlertLifecycle.Escalate(first, Rules, Start.AddMinutes(19)).Changed);
        var second = AlertLifecycle.Escalate(first, Rules, Start.AddMinutes(20)).Next!;
        var acknowledged = AlertLifecycle.Acknowledge(second, "zhang.wei", null, Start.AddMinutes(21)).Next!;

        Assert.Equal(2, second.Escalations);
        Assert.False(AlertLifecycle.Escalate(acknowledged, Rules, Start.AddHours(5)).Changed);
        Assert.False(AlertLifecycle.Escalate(Open(RiskLevel.Orange), Rules, Start.AddHours(5)).Changed);
    }

    [Fact]
    public void A_subject_quiet_for_the_rules_time_resolves_its_alert_and_a_recurrence_reopens_it()
    {
        var alert = Open(RiskLevel.Orange);

        var quiet = AlertLifecycle.ObserveSubject(alert, HighRisk, RiskLevel.Yellow, Start.AddMinutes(5)).Next!;
        Assert.False(AlertLifecycle.ObserveSubject(quiet, HighRisk, RiskLevel.Yellow, Start.AddMinutes(64)).Changed);
        var loud = AlertLifecycle.ObserveSubject(quiet, HighRisk, RiskLevel.Orange, Start.AddMinutes(30)).Next!;
        Assert.Null(loud.BelowSince);
        var resolved = AlertLifecycle.ObserveSubject(quiet, HighRisk, RiskLevel.Blue, Start.AddMinutes(65)).Next!;
        Assert.Equal((AlertState.Resolved, AlertLifecycle.System), (resolved.State, resolved.ResolvedBy));

        var reopened = AlertLifecycle.Raise(resolved, new AlertTrigger(HighRisk, 99, RiskLevel.Red, 90, Start.AddHours(3)), SubjectKind.Entity, alert.SubjectId, null, "420112");
        Assert.Equal((AlertState.Open, RiskLevel.Red, 0, (string?)null, "reopened"), (reopened.Next!.State, reopened.Next.Level, reopened.Next.Escalations, reopened.Next.AcknowledgedBy, reopened.Audit!.Action));
        Assert.Equal(Start.AddHours(3), reopened.Next.OpenedAt);
    }

    /// <summary>The watch's filter never skips an alert a check would change, and never wakes one it would not.</summary>
    [Property(MaxTest = 300)]
    public bool A_check_is_due_exactly_when_checking_would_change_the_alert(NonNegativeInt minutes, NonNegativeInt levelIndex, bool quietBefore, bool acknowledged)
    {
        var levels = Enum.GetValues<RiskLevel>();
        var level = levels[levelIndex.Get % levels.Length];
        var alert = Open(RiskLevel.Red);
        if (quietBefore)
        {
            alert = AlertLifecycle.ObserveSubject(alert, HighRisk, RiskLevel.Blue, Start.AddMinutes(1)).Next!;
        }

        if (acknowledged)
        {
            alert = AlertLifecycle.Acknowledge(alert, "officer", null, Start.AddMinutes(2)).Next!;
        }

        var now = Start.AddMinutes(minutes.Get % 400);
        var changes = AlertLifecycle.Escalate(alert, Rules, now).Changed || AlertLifecycle.ObserveSubject(alert, HighRisk, level, now).Changed;
        return AlertLifecycle.IsCheckDue(alert, Rules, level, now) == changes;
    }

    [Fact]
    public void A_quiet_open_alert_is_due_only_when_its_escalation_or_quiet_period_comes()
    {
        var alert = Open(RiskLevel.Red);
        Assert.False(AlertLifecycle.IsCheckDue(alert, Rules, RiskLevel.Red, Start.AddMinutes(9)));
        Assert.True(AlertLifecycle.IsCheckDue(alert, Rules, RiskLevel.Red, Start.AddMinutes(10)));
        Assert.True(AlertLifecycle.IsCheckDue(alert, Rules, RiskLevel.Blue, Start.AddMinutes(1)));

        var resolved = AlertLifecycle.Resolve(alert, "officer", null, Start.AddMinutes(3)).Next!;
        Assert.False(AlertLifecycle.IsCheckDue(resolved, Rules, RiskLevel.Blue, Start.AddHours(9)));
    }

    private static AlertCase Open(RiskLevel level) =>
        AlertLifecycle.Raise(null, new AlertTrigger(HighRisk, 1, level, 80, Start), SubjectKind.Entity, "91420112MA4KXXXX0X", "某某餐饮", "420112").Next!;
}
