using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Domain.Learning;
using RiskEngine.Grains.Subjects;
using RiskEngine.Grains.Tests.Hosting;
using RiskEngine.Server.Hosting;
using static RiskEngine.Grains.Tests.Hosting.TestSignals;

namespace RiskEngine.Grains.Tests;

/// <summary>
/// The fold pairs each outcome signal with the subject's components just before it: what the subject's score was made of
/// then, untouched by the outcome itself, by a retry of it, or by evidence that came later.
/// </summary>
public sealed class OutcomePairingInTheFold
{
    private static readonly DateTimeOffset Now = EngineCluster.Start;
    private static readonly RiskModel Model = new(ShippedCatalog.Value);
    private static readonly SubjectRules Rules = new(Model, SeedCatalogLoader.LoadAlertRules(RepositoryRoot.Seeds), 0.5);

    [Fact]
    public void An_inspection_is_paired_with_the_components_before_it_and_only_once()
    {
        var uscc = TestSubjects.NewEntity();
        var facts = EntityFacts.From(new EntityProfileUpdate(null, TestSubjects.District, "catering", CreditClass.B));
        var inspectedAt = Now.AddDays(-10);
        var evidence = new[]
        {
            Envelope(1, Complaint(uscc, inspectedAt.AddDays(-3)), Now),
            Envelope(2, FailedSample(uscc, inspectedAt.AddDays(-20)), Now),
        };
        var inspection = Envelope(3, Inspection(uscc, inspectedAt, InspectionResult.Rectify, Severity.Critical), Now);
        var later = Envelope(4, Complaint(uscc, inspectedAt.AddDays(2)), Now);

        var fold = new SubjectFold(new EntityState(), ShippedCatalog.Value.Parameters);
        // The failed sample is an outcome too (of the score before it); the complaint is evidence only.
        Assert.Equal(2, Assert.Single(fold.Apply(uscc, facts, evidence, Now, Rules).Outcomes).Seq);
        // The later complaint is folded before the (late) inspection arrives: it must not reach the inspection's pair.
        fold.Apply(uscc, facts, [later], Now, Rules);
        var paired = fold.Apply(uscc, facts, [inspection], Now, Rules).Outcomes;
        var retried = fold.Apply(uscc, facts, [inspection], Now, Rules).Outcomes;

        var outcome = Assert.Single(paired);
        var expected = Model.EntityComponents(facts.Profile, Scenarios(evidence), [], inspectedAt);
        Assert.True(outcome.Positive);
        Assert.Equal(3, outcome.Seq);
        Assert.Equal(inspectedAt, outcome.OccurredAt);
        Assert.Equal("industry:catering", outcome.Category);
        Assert.Equal(expected.Effects, outcome.Components.Effects);
        Assert.Empty(retried);
    }

    [Fact]
    public void A_failed_equipment_inspection_is_an_outcome_of_its_class_and_a_fault_is_not()
    {
        var code = TestSubjects.NewElevator();
        var facts = EquipmentFacts.From(new EquipmentProfileUpdate(null, TestSubjects.District, null, EquipmentClass.Elevator, null, null));
        var fold = new SubjectFold(new EquipmentState(), ShippedCatalog.Value.Parameters);
        var fault = Envelope(1, ForEquipment(code, TestSubjects.District, SignalKind.Fault, new FaultFacts(true), Now.AddDays(-3)), Now);
        var inspection = Envelope(2, ForEquipment(code, TestSubjects.District, SignalKind.EquipmentInspection, new EquipmentInspectionFacts(true, null), Now.AddDays(-1)), Now);

        var effects = fold.Apply(code, facts, [fault, inspection], Now, Rules);

        var outcome = Assert.Single(effects.Outcomes);
        Assert.Equal((2L, true, "equipment:elevator"), (outcome.Seq, outcome.Positive, outcome.Category));
        Assert.Equal(Model.EquipmentComponents(facts.Profile, Scenarios([fault]), Now.AddDays(-1)).Effects, outcome.Components.Effects);
    }

    private static RiskHistory Scenarios(IEnumerable<SignalEnvelope> signals) =>
        signals.Aggregate(RiskHistory.Empty, (history, s) =>
            history.Apply(new RiskEvent(s.Seq, s.Kind, s.OccurredAt, SignalFactsCodec.FromJson(s.Kind, s.Data)), ShippedCatalog.Value.Parameters));
}
