namespace RiskEngine.Domain;

/// <summary>
/// A market entity's registration data. <paramref name="District"/> is a GB/T 2260 code;
/// <paramref name="Industry"/> an industry category code (unknown or null: the default category).
/// </summary>
public sealed record EntityProfile(string? Name, string District, string? Industry, CreditClass CreditClass)
{
    /// <summary>
    /// The credit class assumed for an entity nobody registered: B, the class most entities are in,
    /// so that an unregistered entity is neither trusted nor suspected more than the typical one.
    /// </summary>
    public const CreditClass UnregisteredCreditClass = CreditClass.B;

    /// <summary>
    /// The profile of an entity known only from a signal: its district comes from the USCC's division
    /// code (API.md: "a signal for an unregistered but valid subject ... takes the district from the USCC").
    /// </summary>
    public static EntityProfile ForUnregistered(Uscc uscc) => new(null, uscc.DivisionCode, null, UnregisteredCreditClass);
}
