using RiskEngine.Domain;

namespace RiskEngine.Abstractions;

/// <summary>A subject's live risk as read by the API and the wall.</summary>
[GenerateSerializer, Immutable, Alias("subject-risk-view")]
public sealed record SubjectRiskView(
    [property: Id(0)] string Id,
    [property: Id(1)] SubjectKind Kind,
    [property: Id(2)] string? Name,
    [property: Id(3)] string District,
    [property: Id(4)] double Score,
    [property: Id(5)] RiskLevel Level,
    [property: Id(6)] IReadOnlyList<ReasonView> Reasons,
    [property: Id(7)] DateTimeOffset? UpdatedAt,
    [property: Id(8)] int SignalCount,
    [property: Id(9)] bool Registered,
    [property: Id(10)] string? Category,
    [property: Id(11)] string? Owner,
    [property: Id(12)] long LastSeq)
{
    /// <summary>The calibrated probability of a bad next outcome when the subject's category has fitted parameters.</summary>
    [Id(13)] public double? Probability { get; init; }

    /// <summary>The version of the fitted parameters that scored this read (0: the seeded model).</summary>
    [Id(14)] public int ModelVersion { get; init; }
}
