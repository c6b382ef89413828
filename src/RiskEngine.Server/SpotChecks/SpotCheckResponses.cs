namespace RiskEngine.Server.SpotChecks;

/// <summary>A credit class's registered entities and how many of them the plan draws.</summary>
public sealed record ClassCountResponse(int Population, int Drawn);

/// <summary>An officer sent on a task.</summary>
public sealed record TaskInspectorResponse(string Id, string? Name);

/// <summary>
/// A drawn entity and what the draw saw (credit class, level and score at the draw, its sampling key), the two officers
/// sent, and once inspected the result and how many findings.
/// </summary>
public sealed record DrawnSubjectResponse(
    string SubjectId, string? Name, string CreditClass, string Level, double Score, double SampleKey,
    IReadOnlyList<TaskInspectorResponse> Inspectors, string State, string? Result, int Findings, DateTimeOffset? DoneAt);

/// <summary>Tasks done of all, and findings reported so far.</summary>
public sealed record PlanProgressResponse(int Done, int Total, int Findings);

/// <summary>A district's 双随机 plan for a month, drawn list included.</summary>
public sealed record InspectionPlanResponse(
    string Id, string District, string Month, string Seed, string Algorithm,
    IReadOnlyDictionary<string, double> Ratios, IReadOnlyDictionary<string, ClassCountResponse> Counts,
    IReadOnlyList<DrawnSubjectResponse> Drawn, PlanProgressResponse Progress, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>A plan without its drawn list, for lists.</summary>
public sealed record InspectionPlanSummary(
    string Id, string District, string Month, string Seed, string Algorithm,
    IReadOnlyDictionary<string, double> Ratios, IReadOnlyDictionary<string, ClassCountResponse> Counts, PlanProgressResponse Progress);

public sealed record InspectionPlanListResponse(IReadOnlyList<InspectionPlanSummary> Items);

/// <summary>An open task for the officers' console.</summary>
public sealed record InspectionTaskResponse(
    string PlanId, string District, string SubjectId, string? Name, string CreditClass, string Level, double Score, IReadOnlyList<TaskInspectorResponse> Inspectors);

public sealed record InspectionTaskListResponse(IReadOnlyList<InspectionTaskResponse> Items);

/// <summary>An officer on the roster.</summary>
public sealed record InspectorResponse(string Id, string Name, string District, string Organisation, IReadOnlyList<string> Recusals, IReadOnlyList<string> Affiliations);

public sealed record InspectorListResponse(IReadOnlyList<InspectorResponse> Items);
