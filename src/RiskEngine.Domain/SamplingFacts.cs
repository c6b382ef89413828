namespace RiskEngine.Domain;

/// <summary>A sampling (抽检/快检) result; item and severity are optional details of a failure.</summary>
public sealed record SamplingFacts(bool Failed, string? Item, Severity? Severity) : SignalFacts;
