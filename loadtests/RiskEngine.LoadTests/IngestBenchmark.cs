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

    private const int StartAttempts = 3;

    /// <summary>Runs the benchmark; 0 when nothing acknowledged was lost, 1 when something was.</summary>
    public static async Task<int> RunAsync(IngestSettings settings, RepositoryLayout? repository, CancellationToken cancellationToken)
    {
        if (!File.Exists(settings.ServerDll))
        {
            throw new UsageException(
                $"The server build {settings.ServerDll} is missing; build it first: dotnet build -c Release src/RiskEngine.Server");
        }

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
        try
        {
            var serverLog = Path.Combine(scratch.FullName, "server.log");
            var launch = new ServerLaunch(
                settings.ServerDll, Path.Combine(scratch.FullName, "server"), serverLog, RandomNumberGenerator.GetHexString(40, lowercase: true), serverSettings);
            var workload = new SignalWorkload(population, mix, runId, DateTimeOffset.UtcNow.ToOffset(ChinaStandardTime));
            var engineSide = await RunEngineSideAsync(settings, launch, population, workload, warmup, duration, token);

            Console.WriteLine($"4. raw SQLite: batched inserts of {settings.Batch} rows into the same table, server stopped");
            var rawFile = Path.Combine(scratch.FullName, "raw", "signals.db");
            Directory.CreateDirectory(Path.GetDirectoryName(rawFile)!);
            var rawWorkload = new SignalWorkload(population, mix, runId + "-raw", workload.Epoch);
            var baseline = await Task.Factory.StartNew(
                () => RawSqliteBaseline.Run(rawFile, rawWorkload, settings.Batch, warmup, duration, token),
                token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            token.ThrowIfCancellationRequested();

            var report = new IngestReport(
                "ingest", runId, startedAt, DateTimeOffset.Now, machine, settings, serverSettings,
                engineSide.Registration, engineSide.Engine, baseline,
                baseline.RowsPerSecond > 0 ? Math.Round(engineSide.Engine.SignalsPerSecond / baseline.RowsPerSecond, 4) : 0,
                engineSide.Loss,
                ServerLogSummary.Read(serverLog, files.ServerLog),
                engineSide.StartFailures);
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
            KeepServerLog(Path.Combine(scratch.FullName, "server.log"), files.ServerLog);
            DeleteScratch(scratch);
        }
    }

    /// <summary>
    /// The engine's side: start the server, register the population, measure durable ingest, re-post a sample of
    /// what was acknowledged, kill the server outright and look for every acknowledged signal in its log file.
    /// </summary>
    private static async Task<EngineSide> RunEngineSideAsync(
        IngestSettings settings, ServerLaunch launch, EntityPopulation population, SignalWorkload workload,
        TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        var startFailures = new List<string>();
        RegistrationFigures registration;
        EngineFigures engine;
        AcknowledgedSignals acknowledged;
        RepostCheck.Outcome repost;
        using (var server = await StartServerAsync(launch, startFailures, cancellationToken))
        using (var api = new EngineApi(server.BaseAddress, launch.ApiKey, settings.Clients))
        {
            Console.WriteLine($"          started pid {server.ProcessId} on {server.BaseAddress}, data in {launch.DataDirectory}");
            Console.WriteLine($"1. registering {settings.Entities:N0} entities through POST /api/v1/entities");
            registration = await RegistrationPhase.RunAsync(api, population, settings.Clients, cancellationToken);
            Console.WriteLine($"   {registration.PerSecond:N0} entities/s");

            Console.WriteLine($"2. engine: {settings.Clients} clients posting batches of {settings.Batch} to POST /api/v1/signals");
            (engine, acknowledged) = await new EngineIngestPhase(api, workload, server, settings.Batch, settings.Clients)
                .RunAsync(warmup, duration, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            Console.WriteLine($"   {engine.SignalsPerSecond:N0} durable signals/s, request p99 {engine.RequestLatency.P99Ms:0.0} ms");

            var sample = acknowledged.Sample(settings.Verify, new Random());
            Console.WriteLine($"3. re-posting {sample.Length:N0} of {acknowledged.Count:N0} acknowledged signals; each must be a duplicate");
            repost = await RepostCheck.RunAsync(api, workload, sample, settings.Batch, settings.Clients, cancellationToken);

            Console.WriteLine("   killing the server (SIGKILL) and reading its signal log file");
            server.Kill();
        }

        var inLog = LogFileCheck.Run(Path.Combine(launch.DataDirectory, "signals.db"), workload, acknowledged);
        var loss = new LossFigures(
            acknowledged.Count, repost.Reposted, repost.Duplicates, repost.Accepted, inLog.Found, inLog.Missing,
            repost.Accepted + inLog.Missing);
        Console.WriteLine($"   lost {loss.Lost:N0}: re-post {repost.Duplicates:N0} duplicates, {repost.Accepted:N0} new; log {inLog.Found:N0} found, {inLog.Missing:N0} missing");
        return new EngineSide(registration, engine, loss, startFailures);
    }

    /// <summary>
    /// Starts the server, trying again with a fresh data folder when it dies while starting (up to
    /// <see cref="StartAttempts"/> times): the benchmark measures ingest, and the report keeps each failed start.
    /// </summary>
    private static async Task<ServerProcess> StartServerAsync(ServerLaunch launch, List<string> failures, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ServerProcess.StartAsync(launch, cancellationToken);
            }
            catch (ServerStartException error) when (attempt < StartAttempts)
            {
                failures.Add(error.FirstError ?? error.Message.Split(Environment.NewLine)[0]);
                Console.Error.WriteLine($"          the server failed to start (attempt {attempt} of {StartAttempts}): {error.FirstError ?? error.Message}");
                Console.Error.WriteLine("          starting it again with a fresh data folder");
                if (Directory.Exists(launch.DataDirectory))
                {
                    Directory.Delete(launch.DataDirectory, recursive: true);
                }
            }
        }
    }

    /// <summary>Copies the server's log beside the reports, whether the run succeeded or not: it explains both.</summary>
    private static void KeepServerLog(string scratchLog, string kept)
    {
        try
        {
            if (File.Exists(scratchLog))
            {
                File.Copy(scratchLog, kept, overwrite: true);
            }
        }
        catch (IOException error)
        {
            Console.Error.WriteLine($"Could not keep the server log {scratchLog}: {error.Message}");
        }
    }

    private sealed record EngineSide(RegistrationFigures Registration, EngineFigures Engine, LossFigures Loss, IReadOnlyList<string> StartFailures);

    private static void DeleteScratch(DirectoryInfo scratch)
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                scratch.Refresh();
                if (scratch.Exists)
                {
                    scratch.Delete(recursive: true);
                }

                return;
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(200);
            }
            catch (UnauthorizedAccessException) when (attempt < 5)
            {
                Thread.Sleep(200);
            }
        }
    }
}
