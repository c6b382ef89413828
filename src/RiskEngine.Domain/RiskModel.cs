using RiskEngine.Domain.Learning;

namespace RiskEngine.Domain;

/// <summary>
/// Scores a subject from its registration data, its history and the current time: a pure,
/// deterministic function (DESIGN.md, "Risk model"). Each component is a probability in [0, 1]; they combine by the
/// seeded noisy-OR, score = 100·(1 - Π(1 - wᵢpᵢ)), or, for a category with fitted parameters (<see cref="Fitted"/>),
/// by its fitted logistic combination, score = 100 × the calibrated probability of a bad outcome. Reasons are sorted
/// by contribution. Immutable and thread-safe.
/// </summary>
public sealed class RiskModel
{
    private readonly RiskCatalog catalog;

    public RiskModel(RiskCatalog catalog)
        : this(catalog, FittedModel.Seeded)
    {
    }

    private RiskModel(RiskCatalog catalog, FittedModel fitted)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        this.catalog = catalog;
        Fitted = fitted;
    }

    public RiskModelParameters Parameters => catalog.Parameters;

    /// <summary>The fitted parameters in force (<see cref="FittedModel.Seeded"/>: none).</summary>
    public FittedModel Fitted { get; }

    /// <summary>This model scoring with <paramref name="fitted"/> parameters where they cover a subject's category.</summary>
    public RiskModel WithFitted(FittedModel fitted)
    {
        ArgumentNullException.ThrowIfNull(fitted);
        return new RiskModel(catalog, fitted);
    }

    /// <summary>The category an entity of this industry code is fitted in (unknown codes share the default category).</summary>
    public string EntityCategory(string? industry) => ModelCategory.ForIndustry(catalog.Industry(industry).Code);

    /// <summary>An entity's components at <paramref name="now"/>: what an outcome is paired with.</summary>
    public SubjectComponents EntityComponents(EntityProfile profile, RiskHistory history, IReadOnlyCollection<EquipmentRisk> ownedEquipment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new SubjectComponents(EntityCategory(profile.Industry), LogisticCombination.Effects(EntityComponentList(profile, history, ownedEquipment, now)));
    }

    /// <summary>A unit's components at <paramref name="now"/>: what an outcome is paired with.</summary>
    public SubjectComponents EquipmentComponents(EquipmentProfile profile, RiskHistory history, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new SubjectComponents(ModelCategory.ForEquipment(profile.Class), LogisticCombination.Effects(EquipmentComponentList(profile, history, now)));
    }

    /// <summary>
    /// A market entity's risk: inspections, open hazards, sampling, complaints, credit standing and the
    /// riskiest special-equipment unit it uses (<paramref name="ownedEquipment"/>: the units' latest scores).
    /// </summary>
    public RiskAssessment AssessEntity(EntityProfile profile, RiskHistory history, IReadOnlyCollection<EquipmentRisk> ownedEquipment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return Combine(EntityComponentList(profile, history, ownedEquipment, now), EntityCategory(profile.Industry));
    }

    private RiskComponent[] EntityComponentList(EntityProfile profile, RiskHistory history, IReadOnlyCollection<EquipmentRisk> ownedEquipment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(history);
        var p = catalog.Parameters;
        var industry = catalog.Industry(profile.Industry);
        return
        [
            InspectionComponent.Evaluate(history, industry, profile.CreditClass, p, now),
            OpenHazardsComponent.Evaluate(history, p.Entity.OpenHazardsWeight, p),
            SamplingComponent.Evaluate(history, industry, profile.CreditClass, p, now),
            ComplaintComponent.Evaluate(history, industry, p, now),
            CreditComponent.Evaluate(history, p, now),
            OwnedEquipmentComponent.Evaluate(ownedEquipment ?? [], p),
            LatestInspectionEvidence.Evaluate(history, p, now),
        ];
    }

    /// <summary>
    /// A special-equipment unit's risk: overdue inspection, failed inspection, maintenance gap, fault
    /// bursts, entrapments and open hazards, scaled by its class's weight. The internal due-date signals
    /// add nothing here: the time-based components already follow <paramref name="now"/>.
    /// </summary>
    public RiskAssessment AssessEquipment(EquipmentProfile profile, RiskHistory history, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return Combine(EquipmentComponentList(profile, history, now), ModelCategory.ForEquipment(profile.Class));
    }

    private RiskComponent[] EquipmentComponentList(EquipmentProfile profile, RiskHistory history, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(history);
        var p = catalog.Parameters;
        var classInfo = catalog.EquipmentClass(profile.Class);
        var schedule = EquipmentScheduleFold.Of(profile, classInfo, history, p);
        return
        [
            OverdueInspectionComponent.Evaluate(schedule, classInfo.Weight, p, now),
            FailedInspectionComponent.Evaluate(history, classInfo, p, now),
            MaintenanceGapComponent.Evaluate(schedule, classInfo, p, now),
            FaultBurstComponent.Evaluate(history, classInfo, p, now),
            EntrapmentComponent.Evaluate(history, classInfo, p, now),
            OpenHazardsComponent.Evaluate(history, p.Equipment.OpenHazardsWeight * classInfo.Weight, p),
        ];
    }

    private RiskAssessment Combine(RiskComponent[] components, string category) =>
        Fitted.Find(category) is { } fit
            ? LogisticCombination.Combine(components, fit) with { ModelVersion = Fitted.Version }
            : NoisyOrCombination.Combine(components) with { ModelVersion = Fitted.Version };

    /// <summary>
    /// The unit's next inspection due date and maintenance dates after its signals: what the due-date
    /// sweep should index (update it whenever the history changes).
    /// </summary>
    public EquipmentSchedule ScheduleOf(EquipmentProfile profile, RiskHistory history)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(history);
        return EquipmentScheduleFold.Of(profile, catalog.EquipmentClass(profile.Class), history, catalog.Parameters);
    }
}
