namespace RiskEngine.Server.Subjects;

/// <summary>A subject's live risk, as the public contract gives it.</summary>
/// <param name="Id">The USCC of an entity or the equipment code of a unit.</param>
/// <param name="Name">Registered name, when registered.</param>
/// <param name="District">GB/T 2260 district code.</param>
/// <param name="Score">Risk score 0-100, computed at the time of the read.</param>
/// <param name="Level">blue, yellow, orange or red.</param>
/// <param name="Reasons">Contributing factors, largest first; contributions add up to the score.</param>
/// <param name="UpdatedAt">Ingest time of the latest signal applied.</param>
/// <param name="SignalCount">Distinct signals applied to this subject.</param>
/// <param name="Kind">entity or equipment.</param>
/// <param name="Registered">Whether the subject was registered (rather than only named by signals).</param>
/// <param name="Category">Industry code of an entity, class of a unit.</param>
/// <param name="Owner">USCC of a unit's owner.</param>
/// <param name="Probability">
/// Where the subject's category has fitted parameters: the calibrated probability of serious non-compliance at its next
/// inspection (entities) or of a failed inspection (equipment), of which the score is 100 times; null under the seeded model.
/// </param>
/// <param name="ModelVersion">The version of the model's parameters that scored this read (0: the seeded parameters).</param>
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
    string? Owner,
    double? Probability,
    int ModelVersion);

/// <summary>One contributing factor, in Chinese and English.</summary>
/// <param name="Code">Stable machine code of the factor, e.g. sampling-failures.</param>
/// <param name="Zh">Chinese text with the figures.</param>
/// <param name="En">English text with the figures.</param>
/// <param name="Contribution">Points of the score this factor accounts for.</param>
public sealed record ReasonResponse(string Code, string Zh, string En, double Contribution);
