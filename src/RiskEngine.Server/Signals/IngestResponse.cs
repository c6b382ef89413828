namespace RiskEngine.Server.Signals;

/// <summary>The answer to a batch: given only once every accepted signal is durable.</summary>
public sealed record IngestResponse(int Accepted, int Duplicates, IReadOnlyList<RejectedItem> Rejected);

/// <summary>An item of a batch that was refused, by its position in the batch, and why.</summary>
public sealed record RejectedItem(int Index, string Error);
