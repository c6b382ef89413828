using System.Globalization;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>The lines that say where and how a run was made: machine and settings.</summary>
public static class ReportHeader
{
    public static string Machine(MachineInfo machine) => string.Create(CultureInfo.InvariantCulture,
        $"{machine.Cores} cores{(machine.Cpu is null ? "" : $" ({machine.Cpu})")}, {machine.MemoryGiB} GiB, {machine.Os} {machine.Architecture}, {machine.Framework}");

    public static string Settings(CommandLine.IngestSettings settings) => string.Create(CultureInfo.InvariantCulture,
        $"{settings.Seconds} s measured (after {settings.WarmupSeconds} s warm-up) on each side, batch {settings.Batch}, {settings.Clients} clients, {settings.Entities:N0} entities, re-post sample {settings.Verify:N0}, storage {(settings.Storage == CommandLine.StorageMode.Postgres ? $"PostgreSQL, {settings.Servers} servers" : "SQLite, 1 server")}");
}
