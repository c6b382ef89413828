using RiskEngine.Domain;
using RiskEngine.Domain.SpotChecks;

namespace RiskEngine.Storage.SpotChecks;

/// <summary>A district's 双随机 plan for a month, as drawn and stored.</summary>
public sealed record InspectionPlanRecord(
    string Id,
    string District,
    string Month,
    string Seed,
    string Algorithm,
    SpotCheckRatios Ratios,
    IReadOnlyDictionary<CreditClass, ClassCount> Counts,
    string CreatedBy,
    DateTimeOffset CreatedAt);
