namespace RiskEngine.LoadTests.Api;

/// <summary>Live grain activations of one server, in all and by grain type.</summary>
public sealed record ActivationCounts(long Total, IReadOnlyDictionary<string, long>? ByType);
