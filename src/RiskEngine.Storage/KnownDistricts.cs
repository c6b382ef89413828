namespace RiskEngine.Storage;

/// <summary>District codes with a meaning of their own.</summary>
public static class KnownDistricts
{
    /// <summary>Where a unit is placed while neither it nor its owner has been registered.</summary>
    public const string Unknown = "unknown";
}
