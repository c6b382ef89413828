namespace RiskEngine.Domain;

/// <summary>
/// Scores a subject from its registration data, its history and the current time: a pure,
/// deterministic function (DESIGN.md, "Risk model"). Each component is a probability in [0, 1];
/// score = 100·(1 - Π(1 - wᵢpᵢ)), with the reasons sorted by contribution. Thread-safe.
/// </summary>
public sealed class RiskModel
{
    private readonly RiskCatalog catalog;

    public RiskModel(RiskCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        this.catalog = catalog;
    }

    public RiskModelParameters Parameters => catalog.Parameters;

    /// <summary>
    /// A market entity's risk: inspections, open hazards, sampling, complaints, credit standing and the
    /// riskiest special-equipment unit it uses (<paramref name="ownedEquipment"/>: the units' latest scores).
    /// </summary>
    public RiskAssessment AssessEntity(EntityProfile profile, RiskHistory history, IReadOnlyCollection<EquipmentRisk> ownedEquipment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(history);
        var p = catalog.Parameters;
        var industry = catalog.Industry(profile.Industry);
        return NoisyOrCombination.Combine(
        [
            InspectionComponent.Evaluate(history, industry, profile.CreditClass, p, now),
            OpenHazardsComponent.Evaluate(history, p.Entity.OpenHazardsWeight, p),
            SamplingComponent.Evaluate(history, industry, profile.CreditClass, p, now),
            ComplaintComponent.Evaluate(history, industry, p, now),
            CreditComponent.Evaluate(history, p, now),
            OwnedEquipmentComponent.Evaluate(ownedEquipment ?? [], p),
        ]);
    }

    /// <summary>
    /// A special-equipment unit's risk: overdue inspection, failed inspection, maintenance gap, fault
    /// bursts, entrapments and open hazards, scaled by its class's weight. The internal due-date signals
    /// add nothing here: the time-based components already follow <paramref name="now"/>.
    /// </summary>
    public RiskAssessment AssessEquipment(EquipmentProfile profile, RiskHistory history, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(history);
        var p = catalog.Parameters;
        var classInfo = catalog.EquipmentClass(profile.Class);
        var schedule = EquipmentScheduleFold.Of(profile, classInfo, history, p);
        return NoisyOrCombination.Combine(
        [
            OverdueInspectionComponent.Evaluate(schedule, classInfo.Weight, p, now),
            FailedInspectionComponent.Evaluate(history, classInfo, p, now),
            MaintenanceGapComponent.Evaluate(schedule, classInfo, p, now),
            FaultBurstComponent.Evaluate(history, classInfo, p, now),
            EntrapmentComponent.Evaluate(history, classInfo, p, now),
            OpenHazardsComponent.Evaluate(history, p.Equipment.OpenHazardsWeight * classInfo.Weight, p),
        ]);
    }

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
