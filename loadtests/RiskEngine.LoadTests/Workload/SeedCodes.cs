using System.Text.Json;

namespace RiskEngine.LoadTests.Workload;

/// <summary>The codes the generated city uses, read from the engine's own seeds: districts and industry categories.</summary>
public sealed class SeedCodes
{
    private SeedCodes(IReadOnlyList<string> districts, IReadOnlyList<string> industries)
    {
        Districts = districts;
        Industries = industries;
    }

    /// <summary>GB/T 2260 codes of the city's districts (seeds/districts.json).</summary>
    public IReadOnlyList<string> Districts { get; }

    /// <summary>Industry category codes (seeds/industries.json).</summary>
    public IReadOnlyList<string> Industries { get; }

    /// <exception cref="InvalidOperationException">A seed file is missing or has no codes.</exception>
    public static SeedCodes Load(string seedsDirectory) => new(
        Codes(seedsDirectory, "districts.json", "districts"),
        Codes(seedsDirectory, "industries.json", "industries"));

    private static string[] Codes(string directory, string file, string arrayName)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Seed file {path} is missing.");
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var codes = document.RootElement.TryGetProperty(arrayName, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray()
                .Select(item => item.TryGetProperty("code", out var code) ? code.GetString() : null)
                .OfType<string>()
                .ToArray()
            : [];
        return codes.Length > 0 ? codes : throw new InvalidOperationException($"Seed file {path} lists no {arrayName} codes.");
    }
}
