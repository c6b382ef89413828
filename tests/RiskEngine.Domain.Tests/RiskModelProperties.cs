using FsCheck.Xunit;
using RiskEngine.Domain;

namespace RiskEngine.Domain.Tests;

[Properties(Arbitrary = [typeof(ModelArbitraries)], MaxTest = 150)]
public sealed class RiskModelProperties
{
    // Floating-point slack for comparisons that hold exactly in real arithmetic.
    private const double Tolerance = 1e-9;

    private static readonly RiskModel Model = ShippedSeeds.Model;
    private static readonly DateTimeOffset Now = Scenarios.Now;

    [Property]
    public bool Entity_scores_are_bounded_and_reasons_add_up(EntityScenario scenario) =>
        IsWellFormed(Model.AssessEntity(scenario.Profile, scenario.History(), [], Now));

    [Property]
    public bool Equipment_scores_are_bounded_and_reasons_add_up(EquipmentScenario scenario) =>
        IsWellFormed(Model.AssessEquipment(scenario.Profile, scenario.History(), Now));

    [Property]
    public bool Entity_scores_with_owned_equipment_are_bounded_and_add_up(EntityScenario scenario, EquipmentScenario unit)
    {
        var unitScore = Model.AssessEquipment(unit.Profile, unit.History(), Now).Score;
        return IsWellFormed(Model.AssessEntity(scenario.Profile, scenario.History(), [new EquipmentRisk("311000001202000001", unitScore)], Now));
    }

    [Property]
    public bool Bad_news_never_lowers_an_entity_score(EntityScenario scenario, BadEntityNews news)
    {
        var history = scenario.History();
        var before = Model.AssessEntity(scenario.Profile, history, [], Now).Score;
        var after = Model.AssessEntity(scenario.Profile, history.Apply(news.Event, ShippedSeeds.Parameters), [], Now).Score;
        return after >= before - Tolerance;
    }

    [Property]
    public bool Good_news_never_raises_an_entity_score(EntityScenario scenario, GoodEntityNews news)
    {
        var history = scenario.History();
        var before = Model.AssessEntity(scenario.Profile, history, [], Now).Score;
        var after = Model.AssessEntity(scenario.Profile, history.Apply(news.Event, ShippedSeeds.Parameters), [], Now).Score;
        return after <= before + Tolerance;
    }

    [Property]
    public bool Bad_news_never_lowers_an_equipment_score(EquipmentScenario scenario, BadEquipmentNews news)
    {
        var history = scenario.History();
        var before = Model.AssessEquipment(scenario.Profile, history, Now).Score;
        var after = Model.AssessEquipment(scenario.Profile, history.Apply(news.Event, ShippedSeeds.Parameters), Now).Score;
        return after >= before - Tolerance;
    }

    // Once some visit is known. With none known the unit sits at its class prior, and learning of a
    // visit long ago rightly raises it: the prior stands for "probably maintained", the old date says not.
    [Property]
    public bool Maintenance_never_raises_an_equipment_score(EquipmentScenario scenario, GoodEquipmentNews news)
    {
        var profile = scenario.Profile with { LastMaintenanceAt = scenario.Profile.LastMaintenanceAt ?? Now.AddDays(-400) };
        var history = scenario.History();
        var before = Model.AssessEquipment(profile, history, Now).Score;
        var after = Model.AssessEquipment(profile, history.Apply(news.Event, ShippedSeeds.Parameters), Now).Score;
        return after <= before + Tolerance;
    }

    [Property]
    public bool A_riskier_owned_unit_never_lowers_its_owner(EntityScenario scenario, byte lower, byte extra)
    {
        var history = scenario.History();
        var low = lower * 100.0 / 255;
        var high = Math.Min(100, low + extra * 100.0 / 255);
        var before = Model.AssessEntity(scenario.Profile, history, [new EquipmentRisk("a", low)], Now).Score;
        var after = Model.AssessEntity(scenario.Profile, history, [new EquipmentRisk("a", high)], Now).Score;
        return after >= before - Tolerance;
    }

    [Property]
    public bool Bad_news_fades_with_time(BadNewsEntityScenario bad, ushort hoursLater, ushort moreHours)
    {
        var scenario = bad.Scenario;
        var history = scenario.History();
        var earlier = Now.AddHours(hoursLater);
        var later = earlier.AddHours(moreHours);
        return Model.AssessEntity(scenario.Profile, history, [], later).Score
            <= Model.AssessEntity(scenario.Profile, history, [], earlier).Score + Tolerance;
    }

    [Property]
    public bool Applying_an_event_twice_is_applying_it_once(EntityScenario scenario, EquipmentScenario unit)
    {
        var entityOnce = scenario.History();
        var entityTwice = scenario.Events.Aggregate(entityOnce, (history, e) => history.Apply(e, ShippedSeeds.Parameters));
        var unitOnce = unit.History();
        var unitTwice = unit.Events.Aggregate(unitOnce, (history, e) => history.Apply(e, ShippedSeeds.Parameters));
        return entityOnce.Equals(entityTwice)
            && unitOnce.Equals(unitTwice)
            && entityOnce.SignalCount == scenario.Events.Count
            && Model.AssessEntity(scenario.Profile, entityTwice, [], Now).Score == Model.AssessEntity(scenario.Profile, entityOnce, [], Now).Score;
    }

    [Property]
    public bool Arrival_order_does_not_matter(EntityScenario scenario, EquipmentScenario unit, int shuffleSeed)
    {
        var random = new Random(shuffleSeed);
        var entityShuffled = Scenarios.Fold(scenario.Events.OrderBy(_ => random.Next()).ToArray());
        var unitShuffled = Scenarios.Fold(unit.Events.OrderBy(_ => random.Next()).ToArray());
        var entityScore = Model.AssessEntity(scenario.Profile, scenario.History(), [], Now).Score;
        var unitScore = Model.AssessEquipment(unit.Profile, unit.History(), Now).Score;
        return Math.Abs(Model.AssessEntity(scenario.Profile, entityShuffled, [], Now).Score - entityScore) <= Tolerance
            && Math.Abs(Model.AssessEquipment(unit.Profile, unitShuffled, Now).Score - unitScore) <= Tolerance
            && entityShuffled.Equals(scenario.History());
    }

    [Property]
    public bool Codec_round_trips_every_kind(KindAndFacts sample) =>
        SignalFactsCodec.FromJson(sample.Kind, SignalFactsCodec.ToJson(sample.Facts)).Equals(sample.Facts)
        && SignalFactsCodec.ToJson(SignalFactsCodec.FromJson(sample.Kind, SignalFactsCodec.ToJson(sample.Facts))) == SignalFactsCodec.ToJson(sample.Facts);

    [Property]
    public bool Histories_round_trip_through_system_text_json(EntityScenario scenario, EquipmentScenario unit)
    {
        foreach (var history in new[] { scenario.History(), unit.History() })
        {
            var json = System.Text.Json.JsonSerializer.Serialize(history);
            var restored = System.Text.Json.JsonSerializer.Deserialize<RiskHistory>(json);
            if (restored is null || !restored.Equals(history))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsWellFormed(RiskAssessment assessment) =>
        assessment.Score is >= 0 and <= 100
        && Math.Abs(assessment.Reasons.Sum(r => r.Contribution) - assessment.Score) <= 1e-9 * Math.Max(1, assessment.Score)
        && assessment.Reasons.All(r => r.Contribution >= 0 && r.Zh.Length > 0 && r.En.Length > 0)
        && assessment.Reasons.Zip(assessment.Reasons.Skip(1), (a, b) => a.Contribution >= b.Contribution).All(ordered => ordered);
}
