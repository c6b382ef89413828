using RiskEngine.Domain;

namespace RiskEngine.Server.Hosting;

/// <summary>Reads the shipped seeds (districts, industries, equipment classes, model parameters) into the catalogue.</summary>
public static class SeedCatalogLoader
{
    public const string ConfigurationKey = "Seeds:Directory";

    public static string FindDirectory(IConfiguration configuration)
    {
        if (configuration[ConfigurationKey] is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        // Published and built servers carry the seeds beside the binary (see the project file).
        var beside = Path.Combine(AppContext.BaseDirectory, "seeds");
        if (File.Exists(Path.Combine(beside, "districts.json")))
        {
            return beside;
        }

        throw new InvalidOperationException($"No seeds found in {beside}; set {ConfigurationKey}.");
    }

    public static RiskEngine.Domain.Alerts.AlertRuleSet LoadAlertRules(string directory)
    {
        var path = Path.Combine(directory, "alert-rules.json");
        return File.Exists(path)
            ? RiskEngine.Domain.Alerts.AlertRuleSet.Parse(File.ReadAllText(path))
            : throw new FileNotFoundException($"Seed file {path} is missing.", path);
    }

    public static RiskEngine.Domain.SpotChecks.SpotCheckSettings LoadSpotChecks(string directory, RiskCatalog catalog)
    {
        var path = Path.Combine(directory, RiskEngine.Domain.SpotChecks.SpotCheckSettings.FileName);
        return File.Exists(path)
            ? RiskEngine.Domain.SpotChecks.SpotCheckSettings.Parse(File.ReadAllText(path), catalog.Districts.Select(d => d.Code).ToArray())
            : throw new FileNotFoundException($"Seed file {path} is missing.", path);
    }

    public static RiskCatalog Load(string directory)
    {
        string Read(string file)
        {
            var path = Path.Combine(directory, file);
            return File.Exists(path) ? File.ReadAllText(path) : throw new FileNotFoundException($"Seed file {path} is missing.", path);
        }

        return RiskCatalog.Parse(Read("districts.json"), Read("industries.json"), Read("equipment-classes.json"), Read("risk-model.json"));
    }
}
