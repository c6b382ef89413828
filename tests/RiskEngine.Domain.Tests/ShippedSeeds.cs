using RiskEngine.Domain;

namespace RiskEngine.Domain.Tests;

/// <summary>The seed files as shipped in the repository, so the tests check the real parameters.</summary>
internal static class ShippedSeeds
{
    private static readonly Lazy<string> Directory = new(FindSeedsDirectory);
    private static readonly Lazy<RiskCatalog> LazyCatalog = new(() => RiskCatalog.Parse(
        Read(RiskCatalog.DistrictsFileName),
        Read(RiskCatalog.IndustriesFileName),
        Read(RiskCatalog.EquipmentClassesFileName),
        Read(RiskModelParameters.FileName)));

    public static RiskCatalog Catalog => LazyCatalog.Value;

    public static RiskModelParameters Parameters => Catalog.Parameters;

    public static RiskModel Model { get; } = new(Catalog);

    public static string Read(string fileName) => File.ReadAllText(Path.Combine(Directory.Value, fileName));

    private static string FindSeedsDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RiskEngine.sln")))
            {
                return Path.Combine(directory.FullName, "seeds");
            }
        }
        throw new InvalidOperationException($"no RiskEngine.sln above {AppContext.BaseDirectory}");
    }
}
