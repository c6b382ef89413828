namespace RiskEngine.Domain;

/// <summary>A complaint or report; the category is free text from the hotline.</summary>
public sealed record ComplaintFacts(string? Category) : SignalFacts;
