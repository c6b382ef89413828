using System.Globalization;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>The lines that say where and how a run was made: machine and settings.</summary>
public static class ReportHeader
{
    public static string Machine(MachineInfo machine) => string.Create(CultureInfo.InvariantCulture,
        $"{machine.Cores} cores{(machine.Cpu is null ? "" : $" ({machine.Cpu})")}, {machine.MemoryGiB} GiB, {machine.Os} {machine.Architecture}, {machine.Framework}");

    public static string Settings(CommandLine.IngestSettings settings) => string.Create(CultureInfo.InvariantCulture,
        $"{settings.Seconds} s measured (after {settings.WarmupSeconds} s warm-up) on each side, batch {settings.Batch}, {settings.Clients} clients, {settings.Entities:N0} entities, re-post sample {settings.Verify:N0}, storage {Storage(settings)}");

    /// <summary>"SQLite, 1 server", "PostgreSQL, 2 servers", "PostgreSQL, 1, 2 and 3 servers in turn".</summary>
    public static string Storage(CommandLine.IngestSettings settings) => settings.Storage != CommandLine.StorageMode.Postgres
        ? "SQLite, 1 server"
        : settings.ServerCounts.Count == 1
            ? $"PostgreSQL, {settings.Servers} servers"
            : $"PostgreSQL, {Counts(settings.ServerCounts)} servers in turn";

    /// <summary>"1, 2 and 3".</summary>
    public static string Counts(IReadOnlyList<int> counts) =>
        counts.Count == 1 ? $"{counts[0]}" : $"{string.Join(", ", counts.SkipLast(1))} and {counts[^1]}";
}
