namespace RiskEngine.LoadTests.Api;

/// <summary>The 200 body of POST /api/v1/entities (batch upsert).</summary>
public sealed record RegistrationAnswer(int Created, int Updated, IReadOnlyList<RejectedItem> Rejected);
