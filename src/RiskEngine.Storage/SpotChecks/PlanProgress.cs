namespace RiskEngine.Storage.SpotChecks;

/// <summary>How far a plan is: tasks done of all, and findings reported so far.</summary>
public sealed record PlanProgress(int Done, int Total, int Findings);
