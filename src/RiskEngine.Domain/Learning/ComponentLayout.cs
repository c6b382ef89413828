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

    public static IReadOnlyList<string> Of(SubjectKind kind) => kind == SubjectKind.Equipment ? Equipment : Entity;

    public static IReadOnlyList<string> OfCategory(string category) => Of(ModelCategory.KindOf(category));
}
