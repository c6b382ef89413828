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
    int SignalCount)
{
    /// <summary>The calibrated probability, where the subject's category has fitted parameters.</summary>
    public double? Probability { get; init; }

    /// <summary>The version of the model's parameters that scored the read.</summary>
    public int ModelVersion { get; init; }
}

/// <summary>One contributing factor of a score.</summary>
public sealed record Reason(string Code, string Zh, string En, double Contribution);
