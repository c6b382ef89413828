using System.Reflection;
using System.Text.RegularExpressions;
using RiskEngine.Grains;
using RiskEngine.Grains.Alerts;
using RiskEngine.Server.Hosting;
using RiskEngine.Server.Live;
using RiskEngine.Server.Signals;
using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.Documentation;

/// <summary>README.md's configuration table has a row for every setting of the checked sections, and none that is gone.</summary>
public sealed partial class ConfigurationTableTests
{
    private static readonly (string Section, Type Options)[] Sections =
    [
        (AlertOptions.Section, typeof(AlertOptions)),
        (EngineOptions.Section, typeof(EngineOptions)),
        (HubLimitOptions.Section, typeof(HubLimitOptions)),
        (IngestOptions.Section, typeof(IngestOptions)),
        (LiveOptions.Section, typeof(LiveOptions)),
        (ObservabilityOptions.Section, typeof(ObservabilityOptions)),
        (ProxyOptions.Section, typeof(ProxyOptions)),
        (SiloOptions.Section, typeof(SiloOptions)),
    ];

    [Fact]
    public void Every_setting_of_the_checked_sections_has_a_row_of_its_own()
    {
        var documented = DocumentedKeys();
        var settings = Sections
            .SelectMany(s => s.Options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => $"{s.Section}:{p.Name}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(settings, documented.Where(key => Sections.Any(s => key.StartsWith(s.Section + ":", StringComparison.Ordinal))).Order(StringComparer.Ordinal));
    }

    /// <summary>The first cell of each row of the table under "## Configuration", when it names one key.</summary>
    private static IEnumerable<string> DocumentedKeys()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var section = readme[readme.IndexOf("## Configuration", StringComparison.Ordinal)..];
        return section.Split('\n')
            .TakeWhile(line => !line.StartsWith("## How", StringComparison.Ordinal))
            .Select(line => Row().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups["key"].Value);
    }

    [GeneratedRegex(@"^\| `(?<key>[A-Za-z]+:[A-Za-z]+)` \|")]
    private static partial Regex Row();
}
