using System.Globalization;
using RiskEngine.LoadTests.CommandLine;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>The line that says what a scenario run was asked to do.</summary>
public static class ScenarioText
{
    public static string Settings(ScenarioSettings settings) => string.Create(CultureInfo.InvariantCulture,
        $"{settings.Entities:N0} entities, {settings.Equipment:N0} units; phases {string.Join(", ", settings.PhaseNames)} of {settings.Seconds} s at {settings.Rate:N0} signals/s, "
        + $"batch {settings.Batch}, {settings.DuplicateFraction:P1} duplicates, {settings.MalformedFraction:P1} malformed; {settings.WallClients} wall clients ({settings.HubProtocol}); "
        + $"storage {(settings.Storage == StorageMode.Postgres ? $"PostgreSQL, {settings.Servers} servers" : "SQLite, 1 server")}; baselines {settings.BaselineSeconds} s");
}
