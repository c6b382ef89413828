namespace RiskEngine.Domain.SpotChecks;

/// <summary>How many entities of a credit class the district has, and how many of them were drawn.</summary>
public sealed record ClassCount(int Population, int Drawn);
