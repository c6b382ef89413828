namespace RiskEngine.LoadTests.Api;

/// <summary>The 202 body of POST /api/v1/signals: given only once every accepted signal is durable.</summary>
public sealed record IngestAnswer(int Accepted, int Duplicates, IReadOnlyList<RejectedItem> Rejected);
