using RiskEngine.Domain;
using RiskEngine.Server.Hosting;

namespace RiskEngine.Grains.Tests.Hosting;

/// <summary>The catalogue the engine ships (seeds/), loaded once for every test cluster.</summary>
public static class ShippedCatalog
{
    private static readonly Lazy<RiskCatalog> Loaded = new(() => SeedCatalogLoader.Load(RepositoryRoot.Seeds));

    public static RiskCatalog Value => Loaded.Value;
}
