using RiskEngine.Domain;

namespace RiskEngine.Abstractions;

/// <summary>Registration data for an entity's grain; static factors of its risk.</summary>
[GenerateSerializer, Immutable, Alias("entity-profile-update")]
public sealed record EntityProfileUpdate(
    [property: Id(0)] string? Name,
    [property: Id(1)] string District,
    [property: Id(2)] string? Industry,
    [property: Id(3)] CreditClass CreditClass);
