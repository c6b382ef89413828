namespace RiskEngine.Abstractions;

/// <summary>
/// Grain keys of subjects. A prefix keeps every key non-hexadecimal: Orleans reads a hex-looking string key
/// as an integer, so "0777" and "777" would share one stored snapshot (orleans#9706).
/// </summary>
public static class SubjectKeys
{
    private const string EntityPrefix = "u:";
    private const string EquipmentPrefix = "q:";

    public static string Entity(string uscc) => EntityPrefix + uscc;

    public static string Equipment(string code) => EquipmentPrefix + code;

    /// <summary>The USCC or equipment code inside a subject grain's key.</summary>
    public static string SubjectId(string key) =>
        key.StartsWith(EntityPrefix, StringComparison.Ordinal) || key.StartsWith(EquipmentPrefix, StringComparison.Ordinal)
            ? key[2..]
            : throw new ArgumentException($"'{key}' is not a subject grain key.", nameof(key));

    public static IEntityGrain GetEntity(this IGrainFactory grains, string uscc) => grains.GetGrain<IEntityGrain>(Entity(uscc));

    public static IEquipmentGrain GetEquipment(this IGrainFactory grains, string code) => grains.GetGrain<IEquipmentGrain>(Equipment(code));

    public static IDistrictGrain GetDistrict(this IGrainFactory grains, string code) => grains.GetGrain<IDistrictGrain>(code);
}
