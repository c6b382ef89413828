namespace RiskEngine.Server.Tests.Contract;

/// <summary>An RFC 9457 problem details body.</summary>
public sealed record Problem(string Title, int Status, string Detail);
