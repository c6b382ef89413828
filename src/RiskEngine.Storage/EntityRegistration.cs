using RiskEngine.Domain;

namespace RiskEngine.Storage;

/// <summary>A market entity (经营主体) as registered by a data source.</summary>
public sealed record EntityRegistration(
    string Uscc,
    string? Name,
    string District,
    string? Industry,
    CreditClass CreditClass);
