namespace RiskEngine.Server.SpotChecks;

/// <summary>Draw a district's plan for a month; without a seed the server picks one (and publishes it with the plan).</summary>
public sealed record InspectionPlanRequest(string? District, string? Month, string? Seed);

/// <summary>An officer on a district's roster, with the subjects they declared a conflict with and the organisations they are tied to.</summary>
public sealed record InspectorRequest(string? Name, string? District, string? Organisation, IReadOnlyList<string>? Recusals, IReadOnlyList<string>? Affiliations);
