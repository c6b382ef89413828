namespace RiskEngine.Server.Tests.Contract;

/// <summary>GET /api/v1/entities/{uscc} and /api/v1/equipment/{code}.</summary>
public sealed record SubjectRisk(
    string Id,
    string? Name,
    string District,
    double Score,
    string Level,
    IReadOnlyList<Reason> Reasons,
    DateTimeOffset? UpdatedAt,
    int SignalCount);

/// <summary>One contributing factor of a score.</summary>
public sealed record Reason(string Code, string Zh, string En, double Contribution);
