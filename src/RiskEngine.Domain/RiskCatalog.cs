namespace RiskEngine.Domain;

/// <summary>
/// The reference data the model scores against, parsed from the seed files' text (the caller reads
/// the files: the domain does no I/O).
/// </summary>
public sealed class RiskCatalog
{
    public const string DistrictsFileName = "districts.json";
    public const string IndustriesFileName = "industries.json";
    public const string EquipmentClassesFileName = "equipment-classes.json";

    /// <summary>Code of the category an entity with no or an unknown industry falls back to.</summary>
    public const string DefaultIndustryCode = "default";

    // Shares are hand-written decimals; this absorbs rounding, not a forgotten category.
    private const double ShareTolerance = 0.001;

    private readonly Dictionary<string, District> districtsByCode;
    private readonly Dictionary<string, IndustryCategory> industriesByCode;
    private readonly Dictionary<EquipmentClass, EquipmentClassInfo> equipmentClassesByClass;
    private readonly IndustryCategory defaultIndustry;

    private RiskCatalog(
        IReadOnlyList<District> districts,
        IReadOnlyList<IndustryCategory> industries,
        IReadOnlyList<EquipmentClassInfo> equipmentClasses,
        RiskModelParameters parameters)
    {
        Districts = districts;
        Industries = industries;
        EquipmentClasses = equipmentClasses;
        Parameters = parameters;
        districtsByCode = districts.ToDictionary(d => d.Code, StringComparer.Ordinal);
        industriesByCode = industries.ToDictionary(i => i.Code, StringComparer.OrdinalIgnoreCase);
        equipmentClassesByClass = equipmentClasses.ToDictionary(c => c.Class);
        defaultIndustry = industriesByCode[DefaultIndustryCode];
    }

    public IReadOnlyList<District> Districts { get; }

    public IReadOnlyList<IndustryCategory> Industries { get; }

    public IReadOnlyList<EquipmentClassInfo> EquipmentClasses { get; }

    public RiskModelParameters Parameters { get; }

    /// <summary>The category all unknown industries share.</summary>
    public IndustryCategory DefaultIndustry => defaultIndustry;

    public District? FindDistrict(string code) =>
        code is not null && districtsByCode.TryGetValue(code.Trim(), out var district) ? district : null;

    /// <summary>The category of that code, or the default category when the code is absent or unknown.</summary>
    public IndustryCategory Industry(string? code) =>
        code is not null && industriesByCode.TryGetValue(code.Trim(), out var industry) ? industry : defaultIndustry;

    public EquipmentClassInfo EquipmentClass(EquipmentClass c) =>
        equipmentClassesByClass.TryGetValue(c, out var info) ? info : throw new ArgumentOutOfRangeException(nameof(c), c, "unknown equipment class");

    /// <summary>Parses the four seed files' text.</summary>
    /// <exception cref="FormatException">A file is malformed; the message names the file and the field.</exception>
    public static RiskCatalog Parse(string districtsJson, string industriesJson, string equipmentClassesJson, string riskModelJson)
    {
        var districts = ReadDistricts(districtsJson);
        var industries = ReadIndustries(industriesJson);
        var equipmentClasses = ReadEquipmentClasses(equipmentClassesJson);
        var parameters = RiskModelParameters.Parse(riskModelJson);
        return new RiskCatalog(districts, industries, equipmentClasses, parameters);
    }

    private static District[] ReadDistricts(string json)
    {
        var root = SeedObject.Root(json, DistrictsFileName);
        var districts = root.Objects("districts").Select(District.Read).ToArray();
        if (districts.Length == 0)
        {
            throw root.Error("districts", "must list at least one district");
        }
        RequireUnique(root, "districts", districts.Select(d => d.Code), StringComparer.Ordinal);
        return districts;
    }

    private static IndustryCategory[] ReadIndustries(string json)
    {
        var root = SeedObject.Root(json, IndustriesFileName);
        var industries = root.Objects("industries").Select(IndustryCategory.Read).ToArray();
        RequireUnique(root, "industries", industries.Select(i => i.Code), StringComparer.OrdinalIgnoreCase);
        if (!industries.Any(i => string.Equals(i.Code, DefaultIndustryCode, StringComparison.OrdinalIgnoreCase)))
        {
            throw root.Error("industries", $"must include the fallback category \"{DefaultIndustryCode}\"");
        }
        RequireSharesSumToOne(root, "industries", industries.Select(i => i.Share));
        return industries;
    }

    private static EquipmentClassInfo[] ReadEquipmentClasses(string json)
    {
        var root = SeedObject.Root(json, EquipmentClassesFileName);
        var classes = root.Objects("classes").Select(EquipmentClassInfo.Read).ToArray();
        RequireUnique(root, "classes", classes.Select(c => c.Class.ToString()), StringComparer.Ordinal);
        var missing = Enum.GetValues<EquipmentClass>().Except(classes.Select(c => c.Class)).ToArray();
        if (missing.Length > 0)
        {
            throw root.Error("classes", $"missing {string.Join(", ", missing)}");
        }
        RequireSharesSumToOne(root, "classes", classes.Select(c => c.Share));
        return classes;
    }

    private static void RequireUnique(SeedObject root, string field, IEnumerable<string> codes, StringComparer comparer)
    {
        var duplicate = codes.GroupBy(code => code, comparer).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw root.Error(field, $"'{duplicate.Key}' appears more than once");
        }
    }

    private static void RequireSharesSumToOne(SeedObject root, string field, IEnumerable<double> shares)
    {
        var sum = shares.Sum();
        if (Math.Abs(sum - 1) > ShareTolerance)
        {
            throw root.Error(field, FormattableString.Invariant($"shares sum to {sum:0.####}, expected 1"));
        }
    }
}
