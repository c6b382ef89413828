using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RiskEngine.Domain;
using RiskEngine.Domain.Learning;

namespace RiskEngine.Domain.Tests.Learning;

/// <summary>No outcome ever influences the components it is paired with.</summary>
public sealed class OutcomeCaptureTests
{
    private static readonly Gen<RiskEvent> Outcomes =
        from facts in Gen.OneOf(Scenarios.InspectionWith(Enum.GetValues<InspectionResult>()), Scenarios.SamplingWith(true, false))
        from daysAgo in Gen.Choose(0, 900)
        select new RiskEvent(Scenarios.AddedSeq, facts.Kind, Scenarios.Now.AddDays(-daysAgo), facts.Facts);

    [Property(MaxTest = 200)]
    public Property The_pair_is_the_same_whatever_the_outcome_was_and_whether_it_was_folded_already() =>
        Prop.ForAll(ModelArbitraries.EntityScenarios(), Arb.From(Outcomes), (scenario, outcome) =>
        {
            var history = scenario.History();
            SubjectComponents Components(RiskHistory h, DateTimeOffset at) => ShippedSeeds.Model.EntityComponents(scenario.Profile, h, [], at);
            var flipped = outcome with { Facts = OutcomeLabels.Of(outcome.Facts) == true ? Good(outcome.Kind) : Bad(outcome.Kind) };

            var beforeFold = OutcomeCapture.Pair("S", outcome, history, Components)!;
            var afterFold = OutcomeCapture.Pair("S", outcome, history.Apply(outcome, ShippedSeeds.Parameters), Components)!;
            var otherLabel = OutcomeCapture.Pair("S", flipped, history.Apply(flipped, ShippedSeeds.Parameters), Components)!;
            var expected = Components(new RiskHistory([.. history.Events.Where(e => e.OccurredAt < outcome.OccurredAt)], 0, 0), outcome.OccurredAt);

            return beforeFold.Components.Effects.SequenceEqual(expected.Effects)
                && afterFold.Components.Effects.SequenceEqual(expected.Effects)
                && otherLabel.Components.Effects.SequenceEqual(expected.Effects)
                && beforeFold.Positive != otherLabel.Positive;
        });

    [Fact]
    public void Evidence_signals_are_not_outcomes()
    {
        Assert.Null(OutcomeLabels.Of(new ComplaintFacts(null)));
        Assert.Null(OutcomeLabels.Of(new CreditFacts(CreditEvent.Penalty)));
        Assert.Null(OutcomeLabels.Of(new MaintenanceFacts()));
        Assert.True(OutcomeLabels.Of(new InspectionFacts(InspectionResult.Issues, [Severity.Critical])));
        Assert.False(OutcomeLabels.Of(new InspectionFacts(InspectionResult.Issues, [Severity.Minor])));
        Assert.True(OutcomeLabels.Of(new EquipmentInspectionFacts(true, null)));
    }

    private static SignalFacts Good(SignalKind kind) =>
        kind == SignalKind.Inspection ? new InspectionFacts(InspectionResult.Pass, []) : new SamplingFacts(false, null, null);

    private static SignalFacts Bad(SignalKind kind) =>
        kind == SignalKind.Inspection ? new InspectionFacts(InspectionResult.Closed, [Severity.Critical]) : new SamplingFacts(true, null, null);
}
