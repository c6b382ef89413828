using RiskEngine.Domain.Alerts;

namespace RiskEngine.Domain.Tests.Alerts;

/// <summary>The shipped alert rules: which signals and level moves fire which rule.</summary>
public sealed class AlertRuleSetTests
{
    private static readonly AlertRuleSet Rules = AlertRuleSet.Parse(ShippedSeeds.Read("alert-rules.json"));
    private static readonly DateTimeOffset Now = Scenarios.Now;

    [Fact]
    public void The_shipped_rules_escalate_red_after_ten_minutes()
    {
        Assert.Equal((TimeSpan.FromMinutes(10), RiskLevel.Red), (Rules.EscalateAfter, Rules.EscalateFrom));
        Assert.Equal(["high-risk", "entrapment", "inspection-failed", "critical-sampling", "complaint-burst"], Rules.Rules.Select(r => r.Id));
    }

    [Theory]
    [InlineData(true, "entrapment")]
    [InlineData(false, null)]
    public void A_fault_fires_only_when_people_were_trapped(bool entrapment, string? rule)
    {
        var signal = new RiskEvent(7, SignalKind.Fault, Now, new FaultFacts(entrapment));

        var fired = Rules.OnSignal(signal, RiskHistory.Empty.Apply(signal, ShippedSeeds.Parameters), 60, Now).Select(t => t.Rule.Id).ToList();

        Assert.Equal(rule is null ? [] : [rule], fired);
    }

    [Theory]
    [InlineData(Severity.Critical, true)]
    [InlineData(Severity.Major, false)]
    public void Only_a_critical_sampling_failure_fires(Severity severity, bool fires)
    {
        var signal = new RiskEvent(3, SignalKind.Sampling, Now, new SamplingFacts(true, "lead", severity));

        var fired = Rules.OnSignal(signal, RiskHistory.Empty.Apply(signal, ShippedSeeds.Parameters), 40, Now).ToList();

        Assert.Equal(fires, fired.Any(t => t.Rule.Id == "critical-sampling" && t.Seq == 3 && t.Level == RiskLevel.Red));
    }

    [Fact]
    public void A_failed_periodic_inspection_fires()
    {
        var signal = new RiskEvent(4, SignalKind.EquipmentInspection, Now, new EquipmentInspectionFacts(true, null));

        Assert.Contains(Rules.OnSignal(signal, RiskHistory.Empty.Apply(signal, ShippedSeeds.Parameters), 70, Now), t => t.Rule.Id == "inspection-failed");
    }

    [Fact]
    public void The_fifth_complaint_within_a_day_fires_a_burst_and_older_ones_do_not_count()
    {
        var history = RiskHistory.Empty;
        var fired = new List<long>();
        var times = new[] { 30.0, 20, 10, 5, 2, 1 }; // hours before now: the first falls outside the 24 h window
        for (var i = 0; i < times.Length; i++)
        {
            var complaint = new RiskEvent(i + 1, SignalKind.Complaint, Now.AddHours(-times[i]), new ComplaintFacts(null));
            history = history.Apply(complaint, ShippedSeeds.Parameters);
            fired.AddRange(Rules.OnSignal(complaint, history, 30, Now).Where(t => t.Rule.Id == "complaint-burst").Select(t => t.Seq));
        }

        Assert.Equal([6L], fired);
    }

    [Theory]
    [InlineData(RiskLevel.Blue, RiskLevel.Yellow, null)]
    [InlineData(RiskLevel.Yellow, RiskLevel.Orange, RiskLevel.Orange)]
    [InlineData(RiskLevel.Blue, RiskLevel.Red, RiskLevel.Red)]
    [InlineData(RiskLevel.Orange, RiskLevel.Red, RiskLevel.Red)]
    [InlineData(RiskLevel.Red, RiskLevel.Orange, null)]
    [InlineData(RiskLevel.Red, RiskLevel.Red, null)]
    public void The_high_risk_rule_fires_on_rises_into_orange_or_red(RiskLevel before, RiskLevel after, RiskLevel? level)
    {
        var fired = Rules.OnLevel(before, after, 9, 80, Now).ToList();

        Assert.Equal(level is null ? [] : [("high-risk", level.Value)], fired.Select(t => (t.Rule.Id, t.Level)));
    }

    [Theory]
    [InlineData("{\"escalation\":{\"after\":\"00:10:00\",\"from\":\"red\"},\"rules\":[{\"id\":\"a.b\",\"zh\":\"x\",\"en\":\"x\",\"trigger\":\"level\",\"level\":\"red\",\"resolveBelow\":\"red\",\"autoResolveAfter\":\"01:00:00\"}]}", "must not contain '.'")]
    [InlineData("{\"escalation\":{\"after\":\"00:10:00\",\"from\":\"red\"},\"rules\":[{\"id\":\"a\",\"zh\":\"x\",\"en\":\"x\",\"trigger\":\"sunspots\",\"level\":\"red\",\"resolveBelow\":\"red\",\"autoResolveAfter\":\"01:00:00\"}]}", "unknown trigger")]
    [InlineData("{\"escalation\":{\"after\":\"soon\",\"from\":\"red\"},\"rules\":[]}", "not a duration")]
    public void Bad_rule_files_are_refused_with_a_reason(string json, string reason)
    {
        var error = Assert.Throws<FormatException>(() => AlertRuleSet.Parse(json));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
