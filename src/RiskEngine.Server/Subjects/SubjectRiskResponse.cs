namespace RiskEngine.Server.Subjects;

/// <summary>A subject's live risk, as the public contract gives it.</summary>
/// <param name="Level">blue, yellow, orange or red.</param>
/// <param name="Reasons">Contributing factors, largest first; contributions add up to the score.</param>
/// <param name="Kind">entity or equipment.</param>
/// <param name="Category">Industry code of an entity, class of a unit.</param>
/// <param name="Owner">USCC of a unit's owner.</param>
public sealed record SubjectRiskResponse(
    string Id,
    string? Name,
    string District,
    double Score,
    string Level,
    IReadOnlyList<ReasonResponse> Reasons,
    DateTimeOffset? UpdatedAt,
    int SignalCount,
    string Kind,
    bool Registered,
    string? Category,
    string? Owner);

/// <summary>One contributing factor, in Chinese and English.</summary>
public sealed record ReasonResponse(string Code, string Zh, string En, double Contribution);
