namespace RiskEngine.Server.Tests.Contract;

/// <summary>202 answer of POST /api/v1/signals.</summary>
public sealed record IngestAnswer(int Accepted, int Duplicates, IReadOnlyList<RejectedItem> Rejected);

/// <summary>An item of a batch that was refused, by index, and why.</summary>
public sealed record RejectedItem(int Index, string Error);
