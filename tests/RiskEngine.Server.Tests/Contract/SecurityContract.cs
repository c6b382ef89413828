namespace RiskEngine.Server.Tests.Contract;

/// <summary>One row of GET /api/v1/security/events.</summary>
public sealed record SecurityEventAnswer(
    long Seq, DateTimeOffset At, string Kind, string Actor, string? Subject, string? Address, string? Detail, string PreviousHash, string Hash);

/// <summary>GET /api/v1/security/events's answer: newest first, and where the next page starts.</summary>
public sealed record SecurityEventPageAnswer(IReadOnlyList<SecurityEventAnswer> Items, long? NextBefore);
