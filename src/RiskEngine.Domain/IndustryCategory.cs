namespace RiskEngine.Domain;

/// <summary>
/// An industry category and its base rates: the prior of an entity that has no history yet.
/// </summary>
/// <param name="InspectionNonComplianceRate">Share of inspections finding serious non-compliance.</param>
/// <param name="SamplingFailureRate">Share of sampled batches that fail.</param>
/// <param name="ComplaintsPer30Days">Expected complaints per entity per 30 days.</param>
/// <param name="Share">Share of the city's entities in this category (for generators).</param>
public sealed record IndustryCategory(
    string Code,
    string Zh,
    string En,
    double InspectionNonComplianceRate,
    double SamplingFailureRate,
    double ComplaintsPer30Days,
    double Share)
{
    internal static IndustryCategory Read(SeedObject json) => new(
        json.Text("code"),
        json.Text("zh"),
        json.Text("en"),
        json.Number("inspectionNonComplianceRate", 0.0001, 0.9999),
        json.Number("samplingFailureRate", 0.0001, 0.9999),
        json.Number("complaintsPer30Days", 0.0001, 1_000),
        json.Number("share", 0, 1));
}
