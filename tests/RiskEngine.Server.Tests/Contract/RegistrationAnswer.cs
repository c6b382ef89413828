namespace RiskEngine.Server.Tests.Contract;

/// <summary>Answer of POST /api/v1/entities and /api/v1/equipment.</summary>
public sealed record RegistrationAnswer(int Created, int Updated, IReadOnlyList<RejectedItem> Rejected);
