using System.Globalization;
using System.Security.Cryptography;
using RiskEngine.LoadTests.CommandLine;
using RiskEngine.LoadTests.Hosting;
using RiskEngine.LoadTests.Phases;
using RiskEngine.LoadTests.Reporting;
using RiskEngine.LoadTests.Workload;

namespace RiskEngine.LoadTests;

/// <summary>
/// The ingest benchmark, all in one run so the ratios are fair on a noisy machine: start the server (or, on PostgreSQL,
/// each server count in turn on a fresh schema), register the entities, post signals from concurrent clients and count
/// the durable ones (and, on PostgreSQL, the applied ones), prove nothing acknowledged was lost (re-post a sample; kill -9
/// the servers and read the signal log), then measure raw inserts (SQLite) or raw COPY and naive state writes
/// (PostgreSQL) into the same table for the same time, and report them side by side.
/// </summary>
public static class IngestBenchmark
{
    /// <summary>Server configuration beyond its defaults, so the figure measures ingest and not the per-key request limit.</summary>
    private static readonly IReadOnlyDictionary<string, string> BenchmarkServerSettings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Ingest:RequestsPerSecond"] = "1000000",
        ["Ingest:RequestBurst"] = "1000000",
    };

    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    /// <summary>Runs the benchmark; 0 when nothing acknowledged was lost, 1 when something was.</summary>
    public static async Task<int> RunAsync(IngestSettings settings, RepositoryLayout? repository, CancellationToken cancellationToken)
    {
        await ServerBuild.EnsureAsync(settings.ServerDll, repository, cancellationToken);

        // Phases bound themselves by count or time; this bounds the whole run should any of them hang. Each server
        // count is an engine side of its own (start, register, loop, re-post, log check); the baselines come once.
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sides = settings.ServerCounts.Count;
        watchdog.CancelAfter(TimeSpan.FromSeconds(2 * (sides + 1) * (settings.WarmupSeconds + settings.Seconds)) + TimeSpan.FromMinutes(10 + 10 * sides));
        var token = watchdog.Token;

        var serverSettings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in BenchmarkServerSettings.Concat(settings.ServerSettings))
        {
            serverSettings[key] = value;
        }

        var startedAt = DateTimeOffset.Now;
        var runId = string.Create(CultureInfo.InvariantCulture, $"{startedAt:yyyyMMdd-HHmmss}-{RandomNumberGenerator.GetHexString(4, lowercase: true)}");
        var machine = MachineInfo.Capture();
        Console.WriteLine($"RiskEngine ingest benchmark, run {runId}");
        Console.WriteLine($"machine   {ReportHeader.Machine(machine)}");
        Console.WriteLine($"settings  {ReportHeader.Settings(settings)}");
        Console.WriteLine($"server    {settings.ServerDll}");
        Console.WriteLine($"          {string.Join(", ", serverSettings.Select(s => s.Key + "=" + s.Value))}");

        var seeds = repository?.SeedsDirectory ?? Path.Combine(Path.GetDirectoryName(settings.ServerDll)!, "seeds");
        var population = new EntityPopulation(SeedCodes.Load(seeds), settings.Entities);
        var mix = new SignalMix();
        var warmup = TimeSpan.FromSeconds(settings.WarmupSeconds);
        var duration = TimeSpan.FromSeconds(settings.Seconds);
        var files = new ReportFiles(settings.OutDirectory, runId, settings.Batch, settings.Clients);

        var scratch = Directory.CreateTempSubdirectory("riskengine-ingest-");
        var serverLogs = new List<ServerLogFile>();
        PostgresScratchSchema? rawSchema = null;
        try
        {
            var apiKey = RandomNumberGenerator.GetHexString(40, lowercase: true);
            var epoch = DateTimeOffset.UtcNow.ToOffset(ChinaStandardTime);
            var engineSides = new List<EngineSideFigures>();
            if (settings.Storage == StorageMode.Postgres)
            {
                for (var step = 0; step < settings.ServerCounts.Count; step++)
                {
                    // Every count gets the same signals in the same order (same run id), each into its own fresh schema.
                    var workload = new SignalWorkload(population, mix, runId, epoch);
                    engineSides.Add(await RunServerCountAsync(
                        settings, step, runId, apiKey, serverSettings, scratch, serverLogs, population, workload, warmup, duration, token));
                }
            }
            else
            {
                serverLogs.Add(new ServerLogFile("server 1 of 1", Path.Combine(scratch.FullName, "server.log")));
                var launch = new ServerLaunch(settings.ServerDll, Path.Combine(scratch.FullName, "server"), serverLogs[0].Path, apiKey, serverSettings);
                var workload = new SignalWorkload(population, mix, runId, epoch);
                engineSides.Add(await IngestEngineSide.RunAsync(settings, [launch], null, population, workload, warmup, duration, measureApplied: false, token));
            }

            var rawWorkload = new SignalWorkload(population, mix, runId + "-raw", epoch);
            BaselineFigures baseline;
            NaiveFigures? naive = null;
            if (settings.Storage == StorageMode.Postgres)
            {
                rawSchema = await PostgresScratchSchema.CreateAsync(settings.Postgres!, SchemaName(runId) + "_raw", token);
                Console.WriteLine($"4. raw COPY: binary COPY of {settings.Batch} rows per batch from {settings.Clients} connections into a fresh migrated schema {rawSchema.Name}, servers stopped");
                await DatabaseMigration.RunAsync(settings.ServerDll, rawSchema.ServerStorage, token);
                baseline = await RawCopyBaseline.RunAsync(rawSchema.ConnectionString, rawWorkload, settings.Batch, settings.Clients, warmup, duration, token);
                Console.WriteLine($"   {baseline.RowsPerSecond:N0} rows/s");

                Console.WriteLine($"5. naive: one WriteToStorageKey round trip per signal (WriteStateAsync per signal) from {settings.Clients} connections");
                var naiveWorkload = new SignalWorkload(population, mix, runId + "-naive", epoch);
                naive = await NaiveStateWriteBaseline.RunAsync(rawSchema.ConnectionString, naiveWorkload, settings.Clients, warmup, duration, token);
                Console.WriteLine($"   {naive.WritesPerSecond:N0} writes/s");
            }
            else
            {
                Console.WriteLine($"4. raw SQLite: batched inserts of {settings.Batch} rows into the same table, server stopped");
                var rawFile = Path.Combine(scratch.FullName, "raw", "signals.db");
                Directory.CreateDirectory(Path.GetDirectoryName(rawFile)!);
                baseline = await Task.Factory.StartNew(
                    () => RawSqliteBaseline.Run(rawFile, rawWorkload, settings.Batch, warmup, duration, token),
                    token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }

            token.ThrowIfCancellationRequested();

            ServerLogs.Keep(serverLogs, files.ServerLog);
            var first = engineSides[0];
            var loss = engineSides.Count == 1 ? first.Loss : LossFigures.Total(engineSides.Select(s => s.Loss).ToArray());
            var report = new IngestReport(
                "ingest", runId, startedAt, DateTimeOffset.Now, machine, settings, serverSettings,
                first.Registration, first.Engine, baseline,
                Ratio(first.Engine.SignalsPerSecond, baseline.RowsPerSecond),
                loss,
                ServerLogSummary.Read(files.ServerLog, files.ServerLog),
                engineSides.SelectMany(s => s.ServerStartFailures).ToArray(),
                naive,
                naive is null ? null : Ratio(first.Engine.SignalsPerSecond, naive.WritesPerSecond),
                settings.Storage == StorageMode.Postgres ? ScalingFigures.Of(engineSides, baseline, naive) : null);
            files.Write(report);
            Console.WriteLine(ConsoleSummary.Render(report, files.Json, files.Markdown));
            if (loss.Lost > 0)
            {
                Console.Error.WriteLine($"FAIL: {loss.Lost:N0} acknowledged signals were lost"
                    + (engineSides.Count == 1 ? "." : $" ({string.Join(", ", engineSides.Where(s => s.Loss.Lost > 0).Select(s => $"{ServerCountFigures.Label(s.Servers)}: {s.Loss.Lost:N0}"))})."));
                return 1;
            }

            return 0;
        }
        catch (OperationCanceledException) when (watchdog.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("The benchmark ran past its time budget and was stopped.");
        }
        finally
        {
            await RunCleanup.ReleaseAsync(serverLogs, files.ServerLog, scratch, rawSchema);
        }
    }

    /// <summary>
    /// One server count on PostgreSQL: its own scratch schema, data folders and logs. With one count the names are the
    /// ones the benchmark always used; with several, each count's carry the count.
    /// </summary>
    private static async Task<EngineSideFigures> RunServerCountAsync(
        IngestSettings settings, int step, string runId, string apiKey, IReadOnlyDictionary<string, string> serverSettings, DirectoryInfo scratch,
        List<ServerLogFile> serverLogs, EntityPopulation population, SignalWorkload workload, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        var servers = settings.ServerCounts[step];
        var several = settings.ServerCounts.Count > 1;
        var folder = several ? Directory.CreateDirectory(Path.Combine(scratch.FullName, $"servers{servers}")).FullName : scratch.FullName;
        var logs = Enumerable.Range(1, servers)
            .Select(n => new ServerLogFile(
                several ? $"{ServerCountFigures.Label(servers)}: server {n} of {servers}" : $"server {n} of {servers}",
                Path.Combine(folder, n == 1 ? "server.log" : $"server{n}.log")))
            .ToArray();
        serverLogs.AddRange(logs);
        if (several)
        {
            Console.WriteLine();
            Console.WriteLine($"== {ServerCountFigures.Label(servers)} ({step + 1} of {settings.ServerCounts.Count}) on one PostgreSQL ==");
        }

        IReadOnlyList<ServerLaunch> Launches(IReadOnlyDictionary<string, string> storage) => logs
            .Select((log, index) => new ServerLaunch(settings.ServerDll, Path.Combine(folder, $"server{index + 1}"), log.Path, apiKey, serverSettings, storage))
            .ToArray();

        var schema = several ? $"{SchemaName(runId)}_s{servers}" : SchemaName(runId);
        return await ClusterIngestStep.RunAsync(settings, schema, Launches, population, workload, warmup, duration, cancellationToken);
    }

    private static string SchemaName(string runId) => "loadtest_" + runId.Replace('-', '_');

    private static double Ratio(double engine, double baseline) => baseline > 0 ? Math.Round(engine / baseline, 4) : 0;
}
