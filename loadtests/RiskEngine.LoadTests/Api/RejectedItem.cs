namespace RiskEngine.LoadTests.Api;

/// <summary>An item of a batch the server refused, by its position in the batch, and why.</summary>
public sealed record RejectedItem(int Index, string Error);
