using RiskEngine.Domain;

namespace RiskEngine.Storage.SpotChecks;

/// <summary>
/// One drawn subject of a plan: what the draw saw (class, level, score, sampling key), the inspectors sent, and, once an
/// inspection signal naming the plan arrives, its result and how many findings it had.
/// </summary>
public sealed record InspectionTaskRecord(
    string PlanId,
    string SubjectId,
    string? SubjectName,
    CreditClass CreditClass,
    RiskLevel Level,
    double Score,
    double SampleKey,
    IReadOnlyList<string> Inspectors,
    string? Result,
    int Findings,
    DateTimeOffset? DoneAt)
{
    public bool Done => DoneAt is not null;
}
