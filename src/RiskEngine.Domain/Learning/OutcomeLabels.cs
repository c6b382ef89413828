namespace RiskEngine.Domain.Learning;

/// <summary>
/// Which signals are outcomes of the score just before them, and their label: an inspection (serious non-compliance:
/// ordered to rectify, closed down, or a major or critical finding), a sampling result (failed), an equipment
/// inspection (failed). Every other kind is evidence, not an outcome.
/// </summary>
public static class OutcomeLabels
{
    /// <summary>The label of an outcome signal; null for a signal that is not an outcome.</summary>
    public static bool? Of(SignalFacts facts) => facts switch
    {
        InspectionFacts inspection => inspection.Result is InspectionResult.Rectify or InspectionResult.Closed
            || inspection.Findings.Any(severity => severity is Severity.Major or Severity.Critical),
        SamplingFacts sampling => sampling.Failed,
        EquipmentInspectionFacts equipmentInspection => equipmentInspection.Failed,
        _ => null,
    };
}
