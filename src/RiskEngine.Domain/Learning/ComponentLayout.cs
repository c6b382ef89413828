namespace RiskEngine.Domain.Learning;

/// <summary>
/// The fixed order of a subject kind's components, as <see cref="RiskModel"/> evaluates them: the positions of a
/// <see cref="ModelOutcome"/>'s effects and of a <see cref="CategoryFit"/>'s coefficients.
/// </summary>
public static class ComponentLayout
{
    public static IReadOnlyList<string> Entity { get; } =
    [
        RiskReasonCodes.Inspections,
        RiskReasonCodes.OpenHazards,
        RiskReasonCodes.SamplingFailures,
        RiskReasonCodes.Complaints,
        RiskReasonCodes.Credit,
        RiskReasonCodes.OwnedEquipment,
        RiskReasonCodes.LatestInspection,
    ];

    public static IReadOnlyList<string> Equipment { get; } =
    [
        RiskReasonCodes.InspectionOverdue,
        RiskReasonCodes.FailedInspection,
        RiskReasonCodes.MaintenanceGap,
        RiskReasonCodes.Faults,
        RiskReasonCodes.Entrapments,
        RiskReasonCodes.OpenHazards,
    ];

    /// <summary>
    /// Evidence the seeded noisy-OR does not weigh (its implied coefficient is 0) and a fit may: the latest inspection's
    /// findings, which the inspection component's long-memory posterior blends with years of older ones.
    /// </summary>
    public static bool IsFitOnly(string code) => code == RiskReasonCodes.LatestInspection;

    public static IReadOnlyList<string> Of(SubjectKind kind) => kind == SubjectKind.Equipment ? Equipment : Entity;

    public static IReadOnlyList<string> OfCategory(string category) => Of(ModelCategory.KindOf(category));
}
