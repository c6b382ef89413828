using System.Globalization;
using System.Security.Cryptography;
using RiskEngine.LoadTests.CommandLine;
using RiskEngine.LoadTests.Hosting;
using RiskEngine.LoadTests.Phases;
using RiskEngine.LoadTests.Reporting;
using RiskEngine.LoadTests.Scenarios;
using RiskEngine.LoadTests.Workload;

namespace RiskEngine.LoadTests.Comparison;

/// <summary>
/// The engine beside its yardsticks, in one run so the ratios compare figures of the same hour on a shared machine:
/// (a) end to end, then overload on the same server; (b) the HTTP-and-log path alone on a fresh server that does not
/// apply signals; (c) raw SQLite appends with the servers stopped; (d) the yardsticks as child processes. Then the
/// report, with each ratio beside its target.
/// </summary>
public static class CompareRun
{
    /// <summary>Server configuration beyond its defaults, so the figures measure ingest and not the per-key request limit.</summary>
    private static readonly IReadOnlyDictionary<string, string> BenchmarkServerSettings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Ingest:RequestsPerSecond"] = "1000000",
        ["Ingest:RequestBurst"] = "1000000",
    };

    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    private const string EndToEnd = "end-to-end";
    private const string HttpAndLog = "http-and-log";
    private static readonly string[] SideNames = [EndToEnd, HttpAndLog];

    /// <summary>Runs the comparison; 0 when it ran and nothing acknowledged was lost, 1 otherwise.</summary>
    public static async Task<int> RunAsync(CompareSettings settings, RepositoryLayout? repository, CancellationToken cancellationToken)
    {
        await ServerBuild.EnsureAsync(settings.ServerDll, repository, cancellationToken);

        // Every step bounds itself by count or time; this bounds the whole run should any of them hang.
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        watchdog.CancelAfter(TimeSpan.FromSeconds(12.0 * (settings.WarmupSeconds + settings.Seconds) + settings.Entities / 500.0) + TimeSpan.FromMinutes(40));
        var token = watchdog.Token;

        var serverSettings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in BenchmarkServerSettings.Concat(settings.ServerSettings))
        {
            serverSettings[key] = value;
        }

        var startedAt = DateTimeOffset.Now;
        var stamp = startedAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var runId = $"{stamp}-{RandomNumberGenerator.GetHexString(4, lowercase: true)}";
        var files = ScenarioReportFiles.Create(settings.OutDirectory, stamp, CompareCommandLine.Command);
        var machine = MachineInfo.Capture();
        Console.WriteLine($"RiskEngine compare, run {runId}");
        Console.WriteLine($"machine   {ReportHeader.Machine(machine)}");
        Console.WriteLine($"settings  {CompareText.Settings(settings)}");
        Console.WriteLine($"server    {settings.ServerDll}");
        Console.WriteLine($"          {string.Join(", ", serverSettings.Select(s => s.Key + "=" + s.Value))}");
        Console.WriteLine($"report    {files.Directory}");

        var seeds = repository?.SeedsDirectory ?? Path.Combine(Path.GetDirectoryName(settings.ServerDll)!, "seeds");
        var codes = SeedCodes.Load(seeds);
        var entities = new EntityPopulation(codes, settings.Entities);
        var mix = new SignalMix();
        var apiKey = RandomNumberGenerator.GetHexString(40, lowercase: true);
        var side = new IngestSide(settings, entities);
        var scratch = Directory.CreateTempSubdirectory("riskengine-compare-");
        try
        {
            var now = DateTimeOffset.UtcNow.ToOffset(ChinaStandardTime);
            Console.WriteLine("a. end to end: the closed loop against the engine, logging and applying");
            var noEquipment = new EquipmentPopulation(codes, entities, 0, DateOnly.FromDateTime(now.DateTime));
            var (endToEnd, overload) = await side.RunAsync(
                "end to end",
                "HTTP, validation, the durable log, applying every signal to its subject (grain or fold), the wall's aggregates",
                Launch(settings, scratch, EndToEnd, apiKey, Settings(serverSettings, applySignals: true)),
                new Dictionary<string, string>(StringComparer.Ordinal) { [CompareCommandLine.ApplySignalsKey] = "true" },
                new SignalWorkload(entities, mix, runId + "-e2e", now),
                files.ServerLogOf(EndToEnd),
                settings.OverloadFactor > 0
                    ? rate => PhasePlanner.Steady(runId, "overload", entities, noEquipment, DateTimeOffset.UtcNow.ToOffset(ChinaStandardTime), rate, TimeSpan.FromSeconds(settings.Seconds))
                    : null,
                token);

            Console.WriteLine("b. HTTP and log alone: the same closed loop against a fresh server that records signals without applying them");
            var (httpAndLog, _) = await side.RunAsync(
                "HTTP and log alone",
                $"HTTP, validation and the durable log only ({CompareCommandLine.ApplySignalsKey}=false)",
                Launch(settings, scratch, HttpAndLog, apiKey, Settings(serverSettings, applySignals: false)),
                new Dictionary<string, string>(StringComparer.Ordinal) { [CompareCommandLine.ApplySignalsKey] = "false" },
                new SignalWorkload(entities, mix, runId + "-log", DateTimeOffset.UtcNow.ToOffset(ChinaStandardTime)),
                files.ServerLogOf(HttpAndLog),
                null,
                token);

            Console.WriteLine($"c. raw SQLite: batched inserts of {settings.Batch} rows into the engine's signal_log, servers stopped");
            var rawFile = Path.Combine(scratch.FullName, "raw", "signals.db");
            Directory.CreateDirectory(Path.GetDirectoryName(rawFile)!);
            var rawWorkload = new SignalWorkload(entities, mix, runId + "-raw", DateTimeOffset.UtcNow.ToOffset(ChinaStandardTime));
            var raw = await Task.Factory.StartNew(
                () => RawSqliteBaseline.Run(rawFile, rawWorkload, settings.Batch, TimeSpan.FromSeconds(settings.WarmupSeconds), TimeSpan.FromSeconds(settings.Seconds), token),
                token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            Console.WriteLine($"   {raw.RowsPerSecond:N0} rows/s");

            Console.WriteLine($"d. yardsticks from {settings.PeersDirectory}");
            var yardsticks = new List<YardstickFigures>();
            foreach (var yardstick in Yardstick.All)
            {
                var figures = await YardstickRun.RunAsync(yardstick, settings.PeersDirectory, settings.Seconds, token);
                Console.WriteLine(figures.SignalsPerSecond is { } rate ? $"   {yardstick.Name}: {rate:N0} signals/s" : $"   {yardstick.Name}: not run: {figures.NotRun}");
                yardsticks.Add(figures);
            }

            token.ThrowIfCancellationRequested();
            var report = CompareReportBuilder.Build(settings, runId, startedAt, machine, serverSettings, endToEnd, overload, httpAndLog, raw, yardsticks);
            files.Write(report);
            Console.WriteLine(CompareConsoleSummary.Render(report, files));
            var lost = endToEnd.Loss.Lost + httpAndLog.Loss.Lost;
            if (lost > 0)
            {
                Console.Error.WriteLine($"FAIL: {lost:N0} acknowledged signals were lost.");
                return 1;
            }

            return 0;
        }
        catch (OperationCanceledException) when (watchdog.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("The comparison ran past its time budget and was stopped.");
        }
        finally
        {
            // A side that failed did not keep its server's log: it explains the failure.
            foreach (var name in SideNames)
            {
                ServerLogs.Keep([Path.Combine(scratch.FullName, name + ".log")], files.ServerLogOf(name));
            }

            await ScratchFolder.DeleteAsync(scratch);
        }
    }

    private static SortedDictionary<string, string> Settings(IReadOnlyDictionary<string, string> common, bool applySignals) =>
        new(common.ToDictionary(), StringComparer.Ordinal) { [CompareCommandLine.ApplySignalsKey] = applySignals ? "true" : "false" };

    private static ServerLaunch Launch(CompareSettings settings, DirectoryInfo scratch, string side, string apiKey, IReadOnlyDictionary<string, string> serverSettings) =>
        new(settings.ServerDll, Path.Combine(scratch.FullName, side), Path.Combine(scratch.FullName, side + ".log"), apiKey, serverSettings);
}
