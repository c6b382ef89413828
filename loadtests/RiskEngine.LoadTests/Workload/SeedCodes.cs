using System.Globalization;
using System.Text.Json;

namespace RiskEngine.LoadTests.Workload;

/// <summary>
/// The codes and shares the generated city uses, read from the engine's own seeds: districts, industry categories
/// with their share of the city's entities, and special-equipment classes with their share of the register.
/// </summary>
public sealed class SeedCodes
{
    private SeedCodes(IReadOnlyList<string> districts, IReadOnlyList<(string Code, double Share)> industries, IReadOnlyList<EquipmentClassSeed> equipmentClasses)
    {
        Districts = districts;
        Industries = industries.Select(i => i.Code).ToArray();
        IndustryShares = industries.Select(i => i.Share).ToArray();
        EquipmentClasses = equipmentClasses;
    }

    /// <summary>GB/T 2260 codes of the city's districts (seeds/districts.json).</summary>
    public IReadOnlyList<string> Districts { get; }

    /// <summary>Industry category codes (seeds/industries.json).</summary>
    public IReadOnlyList<string> Industries { get; }

    /// <summary>Each industry's share of the city's entities, in the order of <see cref="Industries"/>.</summary>
    public IReadOnlyList<double> IndustryShares { get; }

    /// <summary>Special-equipment classes with their varieties and shares (seeds/equipment-classes.json).</summary>
    public IReadOnlyList<EquipmentClassSeed> EquipmentClasses { get; }

    /// <exception cref="InvalidOperationException">A seed file is missing or has no codes.</exception>
    public static SeedCodes Load(string seedsDirectory)
    {
        var districts = Items(seedsDirectory, "districts.json", "districts", item => Text(item, "code")).ToArray();
        var industries = Items(seedsDirectory, "industries.json", "industries", item => (Text(item, "code"), Number(item, "share", 1))).ToArray();
        var classes = Items(seedsDirectory, "equipment-classes.json", "classes", item => new EquipmentClassSeed(
            Text(item, "code"),
            item.TryGetProperty("zh", out var zh) ? zh.GetString() ?? "" : "",
            Number(item, "share", 0),
            (int)Number(item, "inspectionIntervalMonths", 12),
            (int)Number(item, "maintenanceIntervalDays", 30),
            item.TryGetProperty("varieties", out var varieties) && varieties.ValueKind == JsonValueKind.Array
                ? varieties.EnumerateArray().Select(v => Text(v, "code")).ToArray()
                : [])).ToArray();
        return new SeedCodes(districts, industries, classes);
    }

    private static IEnumerable<T> Items<T>(string directory, string file, string arrayName, Func<JsonElement, T> read)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Seed file {path} is missing.");
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        if (!document.RootElement.TryGetProperty(arrayName, out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            throw new InvalidOperationException($"Seed file {path} lists no {arrayName}.");
        }

        try
        {
            return list.EnumerateArray().Select(read).ToArray();
        }
        catch (KeyNotFoundException error)
        {
            throw new InvalidOperationException($"Seed file {path}: {error.Message}", error);
        }
    }

    private static string Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new KeyNotFoundException($"an item has no '{name}'");

    private static double Number(JsonElement item, string name, double fallback) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : item.TryGetProperty(name, out var text) && text.ValueKind == JsonValueKind.String
                && double.TryParse(text.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : fallback;
}
