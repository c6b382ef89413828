using RiskEngine.Domain;

namespace RiskEngine.Domain.Tests;

/// <summary>The sanity targets of the model, checked against the shipped parameters.</summary>
public sealed class RiskModelExamples
{
    private static readonly RiskModel Model = ShippedSeeds.Model;
    private static readonly RiskModelParameters Parameters = ShippedSeeds.Parameters;
    private static readonly DateTimeOffset Now = Scenarios.Now;
    private static readonly EntityProfile Unregistered = EntityProfile.ForUnregistered(Uscc.FromBody("91420112700000010"));

    [Fact]
    public void A_complaint_burst_with_failed_samples_and_a_rectification_order_is_at_least_orange()
    {
        // The engine acceptance check's E1 and E2 (shared/acceptance/engine).
        var troubled = new HistoryBuilder();
        for (var i = 0; i < 6; i++)
        {
            troubled.Add(SignalKind.Complaint, hoursAgo: i + 1, new ComplaintFacts(null));
        }
        for (var i = 0; i < 3; i++)
        {
            troubled.Add(SignalKind.Sampling, hoursAgo: 30 + i, new SamplingFacts(true, "lead", null));
        }
        troubled.Add(SignalKind.Inspection, hoursAgo: 50, new InspectionFacts(InspectionResult.Rectify, [Severity.Major]));
        var clean = new HistoryBuilder().Add(SignalKind.Inspection, hoursAgo: 50, new InspectionFacts(InspectionResult.Pass, []));

        var e1 = Model.AssessEntity(Unregistered, troubled.History, [], Now);
        var e2 = Model.AssessEntity(Unregistered, clean.History, [], Now);

        Assert.True(RiskLevels.Classify(e1.Score, null, Parameters) >= RiskLevel.Orange, $"E1 scored {e1.Score}");
        Assert.True(e1.Score > e2.Score + 40, $"E1 {e1.Score} vs E2 {e2.Score}");
        Assert.Equal(RiskLevel.Blue, RiskLevels.Classify(e2.Score, null, Parameters));
        Assert.Equal(
            [RiskReasonCodes.Complaints, RiskReasonCodes.SamplingFailures, RiskReasonCodes.Inspections],
            e1.Reasons.Select(r => r.Code));
        Assert.Equal("30天内投诉6次，为常态的75倍", e1.Reasons[0].Zh);
        Assert.Equal("6 complaints in 30 days, 75x the usual rate", e1.Reasons[0].En);
        Assert.Equal("90天内抽检不合格3次（共3批）：lead", e1.Reasons[1].Zh);
        Assert.Equal("3 sampling failures in 3 batches within 90 days: lead", e1.Reasons[1].En);
    }

    [Fact]
    public void The_alert_checks_entity_is_red()
    {
        // shared/acceptance/alerts: 6 critical sampling failures, 15 complaints, dishonest list, closure.
        var history = new HistoryBuilder();
        for (var i = 0; i < 6; i++)
        {
            history.Add(SignalKind.Sampling, hoursAgo: i + 1, new SamplingFacts(true, null, Severity.Critical));
        }
        for (var i = 0; i < 15; i++)
        {
            history.Add(SignalKind.Complaint, hoursAgo: i * 0.2, new ComplaintFacts(null));
        }
        history.Add(SignalKind.Credit, hoursAgo: 5, new CreditFacts(CreditEvent.DishonestList));
        history.Add(SignalKind.Inspection, hoursAgo: 3, new InspectionFacts(InspectionResult.Closed, [Severity.Critical, Severity.Critical]));
        var score = Model.AssessEntity(Unregistered, history.History, [], Now).Score;
        Assert.Equal(RiskLevel.Red, RiskLevels.Classify(score, null, Parameters));
    }

    [Fact]
    public void A_new_entity_scores_at_its_prior_not_zero()
    {
        foreach (var industry in ShippedSeeds.Catalog.Industries)
        {
            var profile = new EntityProfile(null, "420102", industry.Code, CreditClass.B);
            var assessment = Model.AssessEntity(profile, RiskHistory.Empty, [], Now);
            Assert.InRange(assessment.Score, 3, Parameters.Levels.Yellow - 5);
            Assert.Contains(assessment.Reasons, r => r.Code == RiskReasonCodes.Inspections && r.En.Contains("baseline", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Credit_class_shifts_the_prior()
    {
        var scores = Enum.GetValues<CreditClass>()
            .Select(creditClass => Model.AssessEntity(Unregistered with { CreditClass = creditClass }, RiskHistory.Empty, [], Now).Score)
            .ToArray();
        Assert.Equal(scores.Order(), scores);
        Assert.True(scores[^1] > 2 * scores[0]);
    }

    [Fact]
    public void A_long_clean_record_scores_below_the_prior()
    {
        var history = new HistoryBuilder();
        for (var year = 0; year < 5; year++)
        {
            history.Add(SignalKind.Inspection, hoursAgo: 24 * (30 + 365 * year), new InspectionFacts(InspectionResult.Pass, []));
            for (var batch = 0; batch < 3; batch++)
            {
                history.Add(SignalKind.Sampling, hoursAgo: 24 * (20 + 120 * batch + 365 * year), new SamplingFacts(false, null, null));
            }
        }
        var prior = Model.AssessEntity(Unregistered, RiskHistory.Empty, [], Now).Score;
        var clean = Model.AssessEntity(Unregistered, history.History, [], Now).Score;
        Assert.True(clean < 0.8 * prior, $"clean {clean} vs prior {prior}");
    }

    [Fact]
    public void Two_failures_in_five_batches_weigh_far_more_than_two_in_two_hundred()
    {
        var fewBatches = new HistoryBuilder();
        var manyBatches = new HistoryBuilder();
        for (var i = 0; i < 200; i++)
        {
            var facts = new SamplingFacts(i < 2, null, null);
            if (i < 5)
            {
                fewBatches.Add(SignalKind.Sampling, hoursAgo: 24 * i, facts);
            }
            manyBatches.Add(SignalKind.Sampling, hoursAgo: 6 * i, facts);
        }
        var few = Model.AssessEntity(Unregistered, fewBatches.History, [], Now);
        var many = Model.AssessEntity(Unregistered, manyBatches.History, [], Now);
        Assert.True(few.Score > many.Score + 20, $"2 in 5: {few.Score}, 2 in 200: {many.Score}");
        Assert.Equal("90天内抽检不合格2次（共5批）", few.Reasons.Single(r => r.Code == RiskReasonCodes.SamplingFailures).Zh);
        Assert.Equal("2 sampling failures in 5 batches within 90 days", few.Reasons.Single(r => r.Code == RiskReasonCodes.SamplingFailures).En);
    }

    [Fact]
    public void One_complaint_is_mild_and_a_burst_is_near_certain()
    {
        var complaints = Parameters.Entity.Complaints;
        var expected = ShippedSeeds.Catalog.DefaultIndustry.ComplaintsPer30Days * complaints.WindowDays / 30;
        Assert.Equal(0, PoissonSurprise.Probability(0, expected, complaints));
        Assert.InRange(PoissonSurprise.Probability(1, expected, complaints), 0.01, 0.2);
        Assert.InRange(PoissonSurprise.Probability(6, expected, complaints), 0.95, 1);
        var probabilities = Enumerable.Range(0, 12).Select(k => PoissonSurprise.Probability(k, expected, complaints)).ToArray();
        Assert.Equal(probabilities.Order(), probabilities);

        var one = Model.AssessEntity(Unregistered, new HistoryBuilder().Add(SignalKind.Complaint, 2, new ComplaintFacts(null)).History, [], Now);
        Assert.Equal(RiskLevel.Blue, RiskLevels.Classify(one.Score, null, Parameters));
        Assert.Equal("30天内投诉1次（常态约0.08次）", one.Reasons.Single(r => r.Code == RiskReasonCodes.Complaints).Zh);
    }

    [Fact]
    public void A_complaint_burst_fades_from_the_burst_window_then_from_the_long_window()
    {
        var history = new HistoryBuilder();
        for (var i = 0; i < 6; i++)
        {
            history.Add(SignalKind.Complaint, hoursAgo: i + 1, new ComplaintFacts(null));
        }
        var complaints = Parameters.Entity.Complaints;
        var prior = Model.AssessEntity(Unregistered, RiskHistory.Empty, [], Now).Score;
        var fresh = Model.AssessEntity(Unregistered, history.History, [], Now).Score;
        var monthLater = Model.AssessEntity(Unregistered, history.History, [], Now.AddDays(complaints.WindowDays + 1));
        var yearLater = Model.AssessEntity(Unregistered, history.History, [], Now.AddDays(complaints.LongWindowDays + 1)).Score;
        Assert.True(fresh > monthLater.Score + 15, $"fresh {fresh}, a month later {monthLater.Score}");
        Assert.True(monthLater.Score > prior + 10, "six complaints in a year is still well above the usual rate");
        Assert.StartsWith("365天内投诉6次", monthLater.Reasons[0].Zh, StringComparison.Ordinal);
        Assert.Equal(prior, yearLater, 9);
    }

    [Fact]
    public void A_persistent_complaint_rate_counts_though_no_month_is_a_burst()
    {
        var steady = new HistoryBuilder();
        var triple = new HistoryBuilder();
        var rate = ShippedSeeds.Catalog.Industry("catering").ComplaintsPer30Days;
        var profile = Unregistered with { Industry = "catering" };
        for (var day = 0.0; day < 360; day += 30 / rate)
        {
            steady.Add(SignalKind.Complaint, hoursAgo: 24 * day, new ComplaintFacts(null));
        }
        for (var day = 0.0; day < 360; day += 10 / rate)
        {
            triple.Add(SignalKind.Complaint, hoursAgo: 24 * day, new ComplaintFacts(null));
        }
        var prior = Model.AssessEntity(profile, RiskHistory.Empty, [], Now).Score;
        var atUsualRate = Model.AssessEntity(profile, steady.History, [], Now).Score;
        var atTripleRate = Model.AssessEntity(profile, triple.History, [], Now).Score;
        Assert.True(atUsualRate < prior + 3, $"usual rate {atUsualRate} vs prior {prior}");
        Assert.True(atTripleRate > prior + 15, $"triple rate {atTripleRate} vs prior {prior}");
    }

    [Fact]
    public void An_open_hazard_counts_until_rectified()
    {
        var open = new HistoryBuilder().Add(SignalKind.Hazard, hoursAgo: 24 * 400, new HazardFacts("H-7", true, Severity.Critical));
        var openScore = Model.AssessEntity(Unregistered, open.History, [], Now);
        Assert.Equal(RiskReasonCodes.OpenHazards, openScore.Reasons[0].Code);
        Assert.Equal("未整改隐患1项（重大1项）", openScore.Reasons[0].Zh);
        Assert.True(RiskLevels.Classify(openScore.Score, null, Parameters) >= RiskLevel.Orange);

        open.Add(SignalKind.Hazard, hoursAgo: 1, new HazardFacts("H-7", false, Severity.Critical));
        var rectified = Model.AssessEntity(Unregistered, open.History, [], Now);
        Assert.DoesNotContain(rectified.Reasons, r => r.Code == RiskReasonCodes.OpenHazards);
    }

    [Fact]
    public void Credit_lists_hold_until_removed()
    {
        var history = new HistoryBuilder().Add(SignalKind.Credit, hoursAgo: 24 * 300, new CreditFacts(CreditEvent.AbnormalList));
        var listed = Model.AssessEntity(Unregistered, history.History, [], Now);
        Assert.Equal("列入经营异常名录", listed.Reasons[0].Zh);
        history.Add(SignalKind.Credit, hoursAgo: 24, new CreditFacts(CreditEvent.AbnormalListRemoved));
        var removed = Model.AssessEntity(Unregistered, history.History, [], Now);
        Assert.DoesNotContain(removed.Reasons, r => r.Code == RiskReasonCodes.Credit);
    }

    [Fact]
    public void A_risky_unit_raises_its_owner()
    {
        var alone = Model.AssessEntity(Unregistered, RiskHistory.Empty, [], Now).Score;
        var owner = Model.AssessEntity(Unregistered, RiskHistory.Empty, [new EquipmentRisk("311000001201500001", 86), new EquipmentRisk("311000001201500002", 5)], Now);
        Assert.True(owner.Score > alone + 25);
        Assert.Equal("名下特种设备311000001201500001风险86分（共2台）", owner.Reasons[0].Zh);
    }

    [Fact]
    public void An_elevator_forty_days_overdue_with_a_failed_inspection_is_at_least_orange()
    {
        var profile = Elevator(due: Today.AddDays(-40), lastMaintenanceDaysAgo: 5);
        var history = new HistoryBuilder().Add(SignalKind.EquipmentInspection, hoursAgo: 24 * 50, new EquipmentInspectionFacts(true, null));
        var assessment = Model.AssessEquipment(profile, history.History, Now);
        Assert.True(RiskLevels.Classify(assessment.Score, null, Parameters) >= RiskLevel.Orange, $"scored {assessment.Score}");
        Assert.Contains(assessment.Reasons, r => r.Zh.StartsWith("超期未检40天", StringComparison.Ordinal));
        Assert.Contains(assessment.Reasons, r => r.En.StartsWith("inspection overdue by 40 days", StringComparison.Ordinal));
        Assert.Contains(assessment.Reasons, r => r.Code == RiskReasonCodes.FailedInspection);
    }

    [Fact]
    public void A_due_date_raises_risk_as_it_passes_with_no_signal()
    {
        var profile = Elevator(due: Today.AddDays(100), lastMaintenanceDaysAgo: 5);
        var scores = new[] { 0, 80, 95, 101, 130, 200 }
            .Select(days => Model.AssessEquipment(profile with { LastMaintenanceAt = Now.AddDays(days - 5) }, RiskHistory.Empty, Now.AddDays(days)).Score)
            .ToArray();
        Assert.Equal(scores.Order(), scores);
        Assert.True(scores[1] > scores[0], "a small bump once due within 30 days");
        Assert.Equal(RiskLevel.Blue, RiskLevels.Classify(scores[2], null, Parameters));
        Assert.True(RiskLevels.Classify(scores[^1], null, Parameters) >= RiskLevel.Orange);
    }

    [Fact]
    public void Internal_due_date_signals_only_make_the_subject_rescore()
    {
        var profile = Elevator(due: Today.AddDays(-10), lastMaintenanceDaysAgo: 20);
        var plain = Model.AssessEquipment(profile, RiskHistory.Empty, Now);
        var swept = new HistoryBuilder()
            .Add(SignalKind.InspectionDueSoon, hoursAgo: 24 * 40, new DueDateFacts(Today.AddDays(-10)))
            .Add(SignalKind.InspectionOverdue, hoursAgo: 24 * 9, new DueDateFacts(Today.AddDays(-10)))
            .Add(SignalKind.MaintenanceOverdue, hoursAgo: 24 * 4, new DueDateFacts(Today.AddDays(-5)));
        var rescored = Model.AssessEquipment(profile, swept.History, Now);
        Assert.Equal(plain.Score, rescored.Score);
        Assert.Equal(plain.Reasons, rescored.Reasons);
        Assert.Equal(3, swept.History.SignalCount);
    }

    [Fact]
    public void A_maintenance_gap_beyond_fifteen_days_is_explained()
    {
        var profile = Elevator(due: Today.AddDays(200), lastMaintenanceDaysAgo: 22);
        var assessment = Model.AssessEquipment(profile, RiskHistory.Empty, Now);
        var reason = assessment.Reasons.Single(r => r.Code == RiskReasonCodes.MaintenanceGap);
        Assert.Equal("维保间隔超过15天（已22天）", reason.Zh);
        Assert.Equal("maintenance overdue: 22 days since the last visit (limit 15)", reason.En);
        var maintained = new HistoryBuilder().Add(SignalKind.Maintenance, hoursAgo: 24 * 2, new MaintenanceFacts());
        Assert.DoesNotContain(Model.AssessEquipment(profile, maintained.History, Now).Reasons, r => r.Code == RiskReasonCodes.MaintenanceGap);
    }

    [Fact]
    public void A_unit_with_no_record_scores_at_its_class_prior()
    {
        foreach (var equipmentClass in Enum.GetValues<EquipmentClass>())
        {
            var score = Model.AssessEquipment(new EquipmentProfile(null, null, equipmentClass, null, null, null), RiskHistory.Empty, Now).Score;
            Assert.InRange(score, 2, Parameters.Levels.Yellow - 5);
        }
        var boiler = Model.AssessEquipment(new EquipmentProfile(null, null, EquipmentClass.Boiler, null, null, null), RiskHistory.Empty, Now).Score;
        var vehicle = Model.AssessEquipment(new EquipmentProfile(null, null, EquipmentClass.SiteVehicle, null, null, null), RiskHistory.Empty, Now).Score;
        Assert.True(boiler > 0 && vehicle > 0);
    }

    [Fact]
    public void Class_weight_makes_the_same_failure_weigh_more_on_a_boiler()
    {
        var failed = new HistoryBuilder().Add(SignalKind.EquipmentInspection, hoursAgo: 24, new EquipmentInspectionFacts(true, null)).History;
        var boiler = Model.AssessEquipment(new EquipmentProfile(null, null, EquipmentClass.Boiler, null, Today.AddDays(300), Now.AddDays(-3)), failed, Now);
        var vehicle = Model.AssessEquipment(new EquipmentProfile(null, null, EquipmentClass.SiteVehicle, null, Today.AddDays(300), Now.AddDays(-3)), failed, Now);
        Assert.True(boiler.Score > vehicle.Score + 10);
    }

    [Fact]
    public void An_entrapment_weighs_heavily_and_fades_over_weeks()
    {
        var profile = Elevator(due: Today.AddDays(200), lastMaintenanceDaysAgo: 3);
        var history = new HistoryBuilder().Add(SignalKind.Fault, hoursAgo: 24 * 3, new FaultFacts(true)).History;
        var fresh = Model.AssessEquipment(profile, history, Now);
        Assert.True(RiskLevels.Classify(fresh.Score, null, Parameters) >= RiskLevel.Yellow, $"scored {fresh.Score}");
        Assert.Equal("困人故障1次（30天内）", fresh.Reasons[0].Zh);
        Assert.Equal("1 entrapment within 30 days", fresh.Reasons[0].En);
        var weeksLater = Model.AssessEquipment(profile with { LastMaintenanceAt = Now.AddDays(60) }, history, Now.AddDays(63));
        Assert.True(weeksLater.Score < fresh.Score / 2);
    }

    [Fact]
    public void The_schedule_follows_passes_and_never_lets_a_failure_postpone_the_due_date()
    {
        var profile = Elevator(due: Today.AddDays(-10), lastMaintenanceDaysAgo: 20);
        Assert.Equal(Today.AddDays(-10), Model.ScheduleOf(profile, RiskHistory.Empty).NextInspectionDue);

        var failedLater = new HistoryBuilder().Add(SignalKind.EquipmentInspection, hoursAgo: 24, new EquipmentInspectionFacts(true, Today.AddDays(30)));
        Assert.Equal(Today.AddDays(-10), Model.ScheduleOf(profile, failedLater.History).NextInspectionDue);

        var passed = failedLater.Add(SignalKind.EquipmentInspection, hoursAgo: 2, new EquipmentInspectionFacts(false, null));
        Assert.Equal(Today.AddMonths(12), Model.ScheduleOf(profile, passed.History).NextInspectionDue);

        var schedule = Model.ScheduleOf(profile, passed.Add(SignalKind.Maintenance, hoursAgo: 1, new MaintenanceFacts()).History);
        Assert.Equal(Now.AddHours(-1), schedule.LastMaintenanceAt);
        Assert.Equal(Today.AddDays(15), schedule.MaintenanceDue);
    }

    [Fact]
    public void Nothing_to_say_scores_zero_with_no_reasons()
    {
        var assessment = NoisyOrCombination.Combine([RiskComponent.Silent("a"), RiskComponent.Silent("b")]);
        Assert.Equal(0, assessment.Score);
        Assert.Empty(assessment.Reasons);
    }

    private static DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    private static EquipmentProfile Elevator(DateOnly due, int lastMaintenanceDaysAgo) =>
        new("1号客梯", "420112", EquipmentClass.Elevator, "9135052155323005XL", due, Now.AddDays(-lastMaintenanceDaysAgo));

    private sealed class HistoryBuilder
    {
        private long seq;

        public RiskHistory History { get; private set; } = RiskHistory.Empty;

        public HistoryBuilder Add(SignalKind kind, double hoursAgo, SignalFacts facts)
        {
            History = History.Apply(new RiskEvent(++seq, kind, Now.AddHours(-hoursAgo), facts), Parameters);
            return this;
        }
    }
}
