using System.Globalization;
using System.Security.Cryptography;
using RiskEngine.LoadTests.Api;
using RiskEngine.LoadTests.CommandLine;
using RiskEngine.LoadTests.Hosting;
using RiskEngine.LoadTests.Phases;
using RiskEngine.LoadTests.Reporting;
using RiskEngine.LoadTests.Workload;

namespace RiskEngine.LoadTests;

/// <summary>
/// The ingest benchmark, all in one run so the ratio is fair on a noisy machine: start the server, register the
/// entities, post signals from concurrent clients and count the durable ones, prove nothing acknowledged was lost
/// (re-post a sample; kill -9 the server and read its log file), then measure raw SQLite inserts into the same
/// table for the same time, and report both side by side.
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

        // Phases bound themselves by count or time; this bounds the whole run should any of them hang.
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        watchdog.CancelAfter(TimeSpan.FromSeconds(2 * (settings.WarmupSeconds + settings.Seconds)) + TimeSpan.FromMinutes(20));
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
        var serverLogs = Enumerable.Range(1, settings.Servers)
            .Select(n => Path.Combine(scratch.FullName, n == 1 ? "server.log" : $"server{n}.log"))
            .ToArray();
        PostgresScratchSchema? cluster = null;
        PostgresScratchSchema? rawSchema = null;
        try
        {
            var apiKey = RandomNumberGenerator.GetHexString(40, lowercase: true);
            var launches = new List<ServerLaunch>();
            if (settings.Storage == StorageMode.Postgres)
            {
                var schemaName = "loadtest_" + runId.Replace('-', '_');
                cluster = await PostgresScratchSchema.CreateAsync(settings.Postgres!, schemaName, token);
                var storage = PostgresStorage(cluster.ConnectionString);
                Console.WriteLine($"0. PostgreSQL: fresh schema {cluster.Name}; db migrate with the server build");
                await DatabaseMigration.RunAsync(settings.ServerDll, storage, token);
                for (var n = 1; n <= settings.Servers; n++)
                {
                    launches.Add(new ServerLaunch(
                        settings.ServerDll, Path.Combine(scratch.FullName, $"server{n}"), serverLogs[n - 1], apiKey, serverSettings, storage));
                }
            }
            else
            {
                launches.Add(new ServerLaunch(settings.ServerDll, Path.Combine(scratch.FullName, "server"), serverLogs[0], apiKey, serverSettings));
            }

            var workload = new SignalWorkload(population, mix, runId, DateTimeOffset.UtcNow.ToOffset(ChinaStandardTime));
            var engineSide = await RunEngineSideAsync(settings, launches, cluster?.ConnectionString, population, workload, warmup, duration, token);
            var rawWorkload = new SignalWorkload(population, mix, runId + "-raw", workload.Epoch);

            BaselineFigures baseline;
            NaiveFigures? naive = null;
            if (settings.Storage == StorageMode.Postgres)
            {
                await cluster!.DisposeAsync();
                cluster = null;
                rawSchema = await PostgresScratchSchema.CreateAsync(settings.Postgres!, "loadtest_" + runId.Replace('-', '_') + "_raw", token);
                Console.WriteLine($"4. raw COPY: binary COPY of {settings.Batch} rows per batch from {settings.Clients} connections into a fresh migrated schema {rawSchema.Name}, servers stopped");
                await DatabaseMigration.RunAsync(settings.ServerDll, PostgresStorage(rawSchema.ConnectionString), token);
                baseline = await RawCopyBaseline.RunAsync(rawSchema.ConnectionString, rawWorkload, settings.Batch, settings.Clients, warmup, duration, token);
                Console.WriteLine($"   {baseline.RowsPerSecond:N0} rows/s");

                Console.WriteLine($"5. naive: one WriteToStorageKey round trip per signal (WriteStateAsync per signal) from {settings.Clients} connections");
                var naiveWorkload = new SignalWorkload(population, mix, runId + "-naive", workload.Epoch);
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
            var report = new IngestReport(
                "ingest", runId, startedAt, DateTimeOffset.Now, machine, settings, serverSettings,
                engineSide.Registration, engineSide.Engine, baseline,
                Ratio(engineSide.Engine.SignalsPerSecond, baseline.RowsPerSecond),
                engineSide.Loss,
                ServerLogSummary.Read(files.ServerLog, files.ServerLog),
                engineSide.StartFailures,
                naive,
                naive is null ? null : Ratio(engineSide.Engine.SignalsPerSecond, naive.WritesPerSecond));
            files.Write(report);
            Console.WriteLine(ConsoleSummary.Render(report, files.Json, files.Markdown));
            if (engineSide.Loss.Lost > 0)
            {
                Console.Error.WriteLine($"FAIL: {engineSide.Loss.Lost:N0} acknowledged signals were lost.");
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
            await RunCleanup.ReleaseAsync(serverLogs, files.ServerLog, scratch, cluster, rawSchema);
        }
    }

    private static double Ratio(double engine, double baseline) => baseline > 0 ? Math.Round(engine / baseline, 4) : 0;

    /// <summary>The servers' storage configuration in cluster mode (kept out of the reports: the connection string may hold a password).</summary>
    private static Dictionary<string, string> PostgresStorage(string connectionString) => new(StringComparer.Ordinal)
    {
        ["Storage:Provider"] = "PostgreSQL",
        ["Storage:ConnectionString"] = connectionString,
    };

    /// <summary>
    /// The engine's side: start the server(s), register the population through the first, measure durable ingest
    /// from clients spread round-robin over the servers, re-post a sample of what was acknowledged, kill every
    /// server outright and look for every acknowledged signal in the signal log (the SQLite file, or the PostgreSQL table).
    /// </summary>
    private static async Task<EngineSide> RunEngineSideAsync(
        IngestSettings settings, IReadOnlyList<ServerLaunch> launches, string? postgres, EntityPopulation population, SignalWorkload workload,
        TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        var startFailures = new List<string>();
        RegistrationFigures registration;
        EngineFigures engine;
        AcknowledgedSignals acknowledged;
        RepostCheck.Outcome repost;
        var servers = new List<ServerProcess>();
        var apis = new List<EngineApi>();
        try
        {
            foreach (var launch in launches)
            {
                var server = await ServerStarter.StartAsync(launch, startFailures, cancellationToken);
                servers.Add(server);
                apis.Add(new EngineApi(server.BaseAddress, launch.ApiKey, settings.Clients));
                Console.WriteLine($"          started pid {server.ProcessId} on {server.BaseAddress}, data in {launch.DataDirectory}");
            }

            Console.WriteLine($"1. registering {settings.Entities:N0} entities through POST /api/v1/entities");
            registration = await RegistrationPhase.RunAsync(apis[0], population, settings.Clients, cancellationToken);
            Console.WriteLine($"   {registration.PerSecond:N0} entities/s");

            Console.WriteLine($"2. engine: {settings.Clients} clients posting batches of {settings.Batch} to POST /api/v1/signals"
                + (servers.Count > 1 ? $", spread over {servers.Count} servers" : ""));
            (engine, acknowledged) = await new EngineIngestPhase(apis, workload, servers, settings.Batch, settings.Clients, meterDatabase: postgres is not null)
                .RunAsync(warmup, duration, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            Console.WriteLine($"   {engine.SignalsPerSecond:N0} durable signals/s, request p99 {engine.RequestLatency.P99Ms:0.0} ms");

            var sample = acknowledged.Sample(settings.Verify, new Random());
            Console.WriteLine($"3. re-posting {sample.Length:N0} of {acknowledged.Count:N0} acknowledged signals; each must be a duplicate");
            repost = await RepostCheck.RunAsync(apis, workload, sample, settings.Batch, settings.Clients, cancellationToken);

            Console.WriteLine(postgres is null
                ? "   killing the server (SIGKILL) and reading its signal log file"
                : "   killing every server (SIGKILL) and reading signal_log");
            foreach (var server in servers)
            {
                server.Kill();
            }
        }
        finally
        {
            foreach (var api in apis)
            {
                api.Dispose();
            }

            foreach (var server in servers)
            {
                server.Dispose();
            }
        }

        var inLog = postgres is null
            ? LogFileCheck.Run(Path.Combine(launches[0].DataDirectory, "signals.db"), workload, acknowledged)
            : await PostgresLogCheck.RunAsync(postgres, workload, acknowledged, cancellationToken);
        var loss = new LossFigures(
            acknowledged.Count, repost.Reposted, repost.Duplicates, repost.Accepted, inLog.Found, inLog.Missing,
            repost.Accepted + inLog.Missing);
        Console.WriteLine($"   lost {loss.Lost:N0}: re-post {repost.Duplicates:N0} duplicates, {repost.Accepted:N0} new; log {inLog.Found:N0} found, {inLog.Missing:N0} missing");
        return new EngineSide(registration, engine, loss, startFailures);
    }

    private sealed record EngineSide(RegistrationFigures Registration, EngineFigures Engine, LossFigures Loss, IReadOnlyList<string> StartFailures);
}
