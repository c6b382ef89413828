using System.Globalization;
using RiskEngine.LoadTests.CommandLine;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>Compare's settings in one line, for the console and the Markdown.</summary>
public static class CompareText
{
    public static string Settings(CompareSettings settings) => string.Create(CultureInfo.InvariantCulture,
        $"{settings.Seconds} s measured (after {settings.WarmupSeconds} s warm-up) on each side, batch {settings.Batch}, {settings.Clients} clients, "
        + $"{settings.Entities:N0} entities, re-post sample {settings.Verify:N0}, overload {settings.OverloadFactor}x, yardsticks from {settings.PeersDirectory}");
}
