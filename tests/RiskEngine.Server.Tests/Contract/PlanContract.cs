namespace RiskEngine.Server.Tests.Contract;

/// <summary>A credit class's population and drawn count as the plan contract returns them.</summary>
public sealed record ClassCountAnswer(int Population, int Drawn);

public sealed record TaskInspectorAnswer(string Id, string? Name);

public sealed record DrawnSubjectAnswer(
    string SubjectId, string? Name, string CreditClass, string Level, double Score, double SampleKey,
    IReadOnlyList<TaskInspectorAnswer> Inspectors, string State, string? Result, int Findings, DateTimeOffset? DoneAt);

public sealed record PlanProgressAnswer(int Done, int Total, int Findings);

/// <summary>A plan as POST and GET /api/v1/inspection-plans return it.</summary>
public sealed record PlanAnswer(
    string Id, string District, string Month, string Seed, string Algorithm,
    IReadOnlyDictionary<string, double> Ratios, IReadOnlyDictionary<string, ClassCountAnswer> Counts,
    IReadOnlyList<DrawnSubjectAnswer> Drawn, PlanProgressAnswer Progress, string CreatedBy, DateTimeOffset CreatedAt);

public sealed record PlanSummaryAnswer(
    string Id, string District, string Month, string Seed, string Algorithm,
    IReadOnlyDictionary<string, double> Ratios, IReadOnlyDictionary<string, ClassCountAnswer> Counts, PlanProgressAnswer Progress);

public sealed record PlanListAnswer(IReadOnlyList<PlanSummaryAnswer> Items);

public sealed record TaskAnswer(string PlanId, string District, string SubjectId, string? Name, string CreditClass, string Level, double Score, IReadOnlyList<TaskInspectorAnswer> Inspectors);

public sealed record TaskListAnswer(IReadOnlyList<TaskAnswer> Items);

public sealed record InspectorAnswer(string Id, string Name, string District, string Organisation, IReadOnlyList<string> Recusals, IReadOnlyList<string> Affiliations);

public sealed record InspectorListAnswer(IReadOnlyList<InspectorAnswer> Items);
