using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using RiskEngine.LoadTests.Api;
using RiskEngine.LoadTests.Baselines;
using RiskEngine.LoadTests.CommandLine;
using RiskEngine.LoadTests.Hosting;
using RiskEngine.LoadTests.Phases;
using RiskEngine.LoadTests.Reporting;
using RiskEngine.LoadTests.Stats;
using RiskEngine.LoadTests.Traffic;
using RiskEngine.LoadTests.Wall;
using RiskEngine.LoadTests.Workload;

namespace RiskEngine.LoadTests.Scenarios;

/// <summary>
/// One scenario run, start to end: build the server if need be, generate and register the city through the API,
/// connect the wall clients, run the phases as open-model traffic while reading the servers' memory and grains,
/// prove nothing acknowledged was lost (re-post a sample; kill -9 and read the log), measure the baselines with the
/// servers stopped, and write the report folder.
/// </summary>
public static class ScenarioRun
{
    /// <summary>
    /// Server configuration beyond its defaults, so the figures measure the engine and not the per-key request limit,
    /// nor the per-caller hub connection cap (the whole wall fleet connects with the one API key).
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> ScenarioServerSettings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Ingest:RequestsPerSecond"] = "1000000",
        ["Ingest:RequestBurst"] = "1000000",
        ["Hub:MaxConnectionsPerPerson"] = "10000",
    };

    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);
    private static readonly TimeSpan FinalFrames = TimeSpan.FromSeconds(2);
    private const int ConnectionsPerServer = 256;
    private const int GrainCallers = 64;

    /// <summary>Runs the scenario; 0 when it ran and nothing acknowledged was lost, 1 otherwise.</summary>
    public static async Task<int> RunAsync(ScenarioSettings settings, RepositoryLayout? repository, CancellationToken cancellationToken)
    {
        await ServerBuild.EnsureAsync(settings.ServerDll, repository, cancellationToken);

        // Every step bounds itself by count or time; this bounds the whole run should any of them hang.
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        watchdog.CancelAfter(
            TimeSpan.FromSeconds(3.0 * settings.Phases.Count * settings.Seconds + 6.0 * settings.BaselineSeconds)
            + TimeSpan.FromSeconds((settings.Entities + settings.Equipment) / 1000.0)
            + TimeSpan.FromMinutes(20));
        var token = watchdog.Token;

        var serverSettings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in ScenarioServerSettings.Concat(settings.ServerSettings))
        {
            serverSettings[key] = value;
        }

        var startedAt = DateTimeOffset.Now;
        var stamp = startedAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var runId = $"{stamp}-{RandomNumberGenerator.GetHexString(4, lowercase: true)}";
        var files = ScenarioReportFiles.Create(settings.OutDirectory, stamp, settings.Scenario);
        var machine = MachineInfo.Capture();
        Console.WriteLine($"RiskEngine load test '{settings.Scenario}', run {runId}");
        Console.WriteLine($"machine   {ReportHeader.Machine(machine)}");
        Console.WriteLine($"settings  {ScenarioText.Settings(settings)}");
        Console.WriteLine($"server    {settings.ServerDll}");
        Console.WriteLine($"          {string.Join(", ", serverSettings.Select(s => s.Key + "=" + s.Value))}");
        Console.WriteLine($"report    {files.Directory}");

        var seeds = repository?.SeedsDirectory ?? Path.Combine(Path.GetDirectoryName(settings.ServerDll)!, "seeds");
        var codes = SeedCodes.Load(seeds);
        if (settings.Phases.Contains(PhaseKind.Incident) && !codes.Districts.Contains(settings.IncidentDistrict))
        {
            throw new UsageException($"--incident-district {settings.IncidentDistrict} is not a district of the seeded city; expected one of {string.Join(", ", codes.Districts)}.");
        }

        var generation = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow.ToOffset(ChinaStandardTime);
        var entities = new EntityPopulation(codes, settings.Entities);
        var equipment = new EquipmentPopulation(codes, entities, settings.Equipment, DateOnly.FromDateTime(now.DateTime));
        Console.WriteLine($"city      {entities.Count:N0} entities, {equipment.Count:N0} units ({equipment.OverdueCount():N0} overdue) generated in {generation.Elapsed.TotalSeconds:0.0} s");

        var scratch = Directory.CreateTempSubdirectory("riskengine-scenario-");
        var serverLogs = Enumerable.Range(1, settings.Servers).Select(n => Path.Combine(scratch.FullName, $"server{n}.log")).ToArray();
        PostgresScratchSchema? cluster = null;
        PostgresScratchSchema? rawSchema = null;
        var startFailures = new List<string>();
        try
        {
            var apiKey = RandomNumberGenerator.GetHexString(40, lowercase: true);
            var launches = new List<ServerLaunch>();
            if (settings.Storage == StorageMode.Postgres)
            {
                cluster = await PostgresScratchSchema.CreateAsync(settings.Postgres!, "loadtest_" + runId.Replace('-', '_'), token);
                Console.WriteLine($"0. PostgreSQL: fresh schema {cluster.Name}; db migrate with the server build");
                await DatabaseMigration.RunAsync(settings.ServerDll, PostgresStorage(cluster.ConnectionString), token);
            }

            for (var n = 1; n <= settings.Servers; n++)
            {
                launches.Add(new ServerLaunch(
                    settings.ServerDll, Path.Combine(scratch.FullName, $"server{n}"), serverLogs[n - 1], apiKey, serverSettings,
                    cluster is null ? null : PostgresStorage(cluster.ConnectionString)));
            }

            var engine = await RunEngineSideAsync(settings, launches, cluster?.ConnectionString, codes, entities, equipment, runId, startFailures, token);

            // Baselines, with the servers gone, on the same machine in the same run.
            var warmup = TimeSpan.FromSeconds(Math.Clamp(settings.BaselineSeconds / 3, 1, 5));
            var span = TimeSpan.FromSeconds(settings.BaselineSeconds);
            var mix = new SignalMix();
            var epoch = DateTimeOffset.UtcNow.ToOffset(ChinaStandardTime);
            BaselineFigures raw;
            NaiveFigures naive;
            string rawKind;
            string naiveKind;
            if (settings.Storage == StorageMode.Postgres)
            {
                await cluster!.DisposeAsync();
                cluster = null;
                rawSchema = await PostgresScratchSchema.CreateAsync(settings.Postgres!, "loadtest_" + runId.Replace('-', '_') + "_raw", token);
                await DatabaseMigration.RunAsync(settings.ServerDll, PostgresStorage(rawSchema.ConnectionString), token);
                rawKind = $"raw binary COPY into signal_log, batches of {settings.Batch}, {settings.Clients} connections";
                Console.WriteLine($"5. baseline: {rawKind}");
                raw = await RawCopyBaseline.RunAsync(rawSchema.ConnectionString, new SignalWorkload(entities, mix, runId + "-raw", epoch), settings.Batch, settings.Clients, warmup, span, token);
                naiveKind = $"naive: PostgreSQL WriteToStorageKey per signal, {settings.Clients} connections";
                Console.WriteLine($"   baseline: {naiveKind}");
                naive = await NaiveStateWriteBaseline.RunAsync(rawSchema.ConnectionString, new SignalWorkload(entities, mix, runId + "-naive", epoch), settings.Clients, warmup, span, token);
            }
            else
            {
                var rawFile = Path.Combine(scratch.FullName, "raw", "signals.db");
                Directory.CreateDirectory(Path.GetDirectoryName(rawFile)!);
                rawKind = $"raw SQLite inserts into signal_log (WAL, synchronous=FULL), transactions of {settings.Batch}";
                Console.WriteLine($"5. baseline: {rawKind}");
                var rawWorkload = new SignalWorkload(entities, mix, runId + "-raw", epoch);
                raw = await Task.Factory.StartNew(() => RawSqliteBaseline.Run(rawFile, rawWorkload, settings.Batch, warmup, span, token),
                    token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                naiveKind = "naive: the engine's SQLite WriteToStorageKey per signal, fsynced (synchronous=FULL), one writer";
                Console.WriteLine($"   baseline: {naiveKind}");
                var naiveFile = Path.Combine(scratch.FullName, "naive", "state.db");
                Directory.CreateDirectory(Path.GetDirectoryName(naiveFile)!);
                var naiveWorkload = new SignalWorkload(entities, mix, runId + "-naive", epoch);
                naive = await Task.Factory.StartNew(() => NaiveSqliteStateWriteBaseline.Run(naiveFile, naiveWorkload, warmup, span, token),
                    token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }

            Console.WriteLine($"   {raw.RowsPerSecond:N0} raw rows/s; {naive.WritesPerSecond:N0} naive state writes/s");
            Console.WriteLine($"   baseline: bare Orleans grain calls, in-process silo, {GrainCallers} callers");
            var grainCalls = await GrainCallBaseline.RunAsync(GrainCallers, warmup, span, token);
            Console.WriteLine($"   {grainCalls.CallsPerSecond:N0} grain calls/s");
            token.ThrowIfCancellationRequested();

            ServerLogs.Keep(serverLogs, files.ServerLog);
            var baselines = new ScenarioBaselines(rawKind, raw, naiveKind, naive, grainCalls);
            var report = ScenarioReportBuilder.Build(
                settings, runId, startedAt, machine, serverSettings, entities, equipment, engine, baselines,
                ServerLogSummary.Read(files.ServerLog, files.ServerLog), startFailures);
            report = report with { Charts = ScenarioCharts.Draw(report, files.Directory) };
            files.Write(report);
            Console.WriteLine(ScenarioConsoleSummary.Render(report, files));
            if (report.Loss.Lost > 0)
            {
                Console.Error.WriteLine($"FAIL: {report.Loss.Lost:N0} acknowledged signals were lost.");
                return 1;
            }

            if (engine.RepostFailure is not null)
            {
                Console.Error.WriteLine($"FAIL: the re-post check could not be finished ({engine.RepostFailure}); the log check after kill -9 found every acknowledged signal.");
                return 1;
            }

            return 0;
        }
        catch (OperationCanceledException) when (watchdog.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("The load test ran past its time budget and was stopped.");
        }
        finally
        {
            await RunCleanup.ReleaseAsync(serverLogs, files.ServerLog, scratch, cluster, rawSchema);
        }
    }

    private static Dictionary<string, string> PostgresStorage(string connectionString) => new(StringComparer.Ordinal)
    {
        ["Storage:Provider"] = "PostgreSQL",
        ["Storage:ConnectionString"] = connectionString,
    };

    /// <summary>The servers' side: start, register, watch, run the phases, check for loss, kill.</summary>
    private static async Task<EngineMeasurements> RunEngineSideAsync(
        ScenarioSettings settings, IReadOnlyList<ServerLaunch> launches, string? postgres, SeedCodes codes,
        EntityPopulation entities, EquipmentPopulation equipment, string runId, List<string> startFailures, CancellationToken token)
    {
        var servers = new List<ServerProcess>();
        var apis = new List<EngineApi>();
        var runClock = Stopwatch.StartNew();
        IReadOnlyList<PhasePlan> plans;
        PhaseRecorder[] recorders;
        PhaseRecorder total;
        RegistrationFigures entityRegistration;
        RegistrationFigures? equipmentRegistration = null;
        WallLatency wallLatency;
        WallFigures wall;
        SecondSeries series;
        StatsSample? idle;
        IReadOnlyList<StatsSample> samples;
        string? statsUnavailable;
        RepostCheck.Outcome repost;
        string? repostFailure;
        double trafficStartSeconds;
        try
        {
            foreach (var launch in launches)
            {
                var server = await ServerStarter.StartAsync(launch, startFailures, token);
                servers.Add(server);
                apis.Add(new EngineApi(server.BaseAddress, launch.ApiKey, ConnectionsPerServer));
                Console.WriteLine($"          started pid {server.ProcessId} on {server.BaseAddress}");
            }

            var storage = postgres is null ? StorageFootprint.OfDataFolders([.. launches.Select(l => l.DataDirectory)]) : StorageFootprint.OfPostgresSchema(postgres);
            await using var sampler = new ServerStatsSampler(apis, TimeSpan.FromSeconds(settings.StatsIntervalSeconds), runClock, storage) { Stage = "registering" };
            sampler.Start();

            Console.WriteLine($"1. registering {entities.Count:N0} entities through POST /api/v1/entities");
            entityRegistration = await RegistrationPhase.RunAsync(apis[0], entities, settings.Clients, token);
            Console.WriteLine($"   {entityRegistration.PerSecond:N0} entities/s");
            if (equipment.Count > 0)
            {
                Console.WriteLine($"   registering {equipment.Count:N0} equipment units through POST /api/v1/equipment");
                equipmentRegistration = await RegistrationPhase.RunAsync(apis[0], equipment, DateTimeOffset.UtcNow.ToOffset(ChinaStandardTime), settings.Clients, token);
                Console.WriteLine($"   {equipmentRegistration.PerSecond:N0} units/s");
            }

            wallLatency = new WallLatency(settings.Phases.Count);
            Console.WriteLine($"2. connecting {settings.WallClients} wall clients to {WallClient.HubPath} ({settings.HubProtocol})");
            await using var fleet = await WallFleet.ConnectAsync(apis, codes.Districts, settings.WallClients, settings.HubProtocol, wallLatency, token);
            Console.WriteLine($"   {fleet.Connected} connected" + (wallLatency.Errors.Total > 0 ? $"; failures: {Describe(wallLatency.Errors.Snapshot())}" : ""));

            sampler.Stage = "registered";
            idle = await sampler.SampleNowAsync(token);
            Console.WriteLine(idle is null
                ? $"   server stats: {sampler.Unavailable ?? "no answer"}"
                : $"   idle: {Gib(idle.WorkingSetBytes)} working set, {idle.Activations:N0} activations");

            var epoch = DateTimeOffset.UtcNow.ToOffset(ChinaStandardTime);
            plans = PhasePlanner.Plan(settings, runId, codes, entities, equipment, epoch);
            var totalSeconds = plans.Sum(p => (int)Math.Ceiling(p.Duration.TotalSeconds));
            series = new SecondSeries(Stopwatch.GetTimestamp(), totalSeconds + 300);
            trafficStartSeconds = runClock.Elapsed.TotalSeconds;
            wallLatency.Series = series;
            var composer = new BatchComposer(settings.Batch, settings.DuplicateFraction, settings.MalformedFraction, seed: 42);
            var driver = new OpenModelDriver(apis, composer, settings.Batch, settings.MaxOutstanding, wallLatency, series, () => servers.All(s => !s.HasExited));
            var trafficSeconds = plans.Sum(p => p.Duration.TotalSeconds);
            total = new PhaseRecorder("all", trafficSeconds, RateProfile.Constant(plans.Sum(p => p.TotalRate.Total(p.Duration.TotalSeconds)) / trafficSeconds));
            recorders = plans.Select(p => new PhaseRecorder(p.Name, p.Duration.TotalSeconds, p.TotalRate, total)).ToArray();
            Console.WriteLine($"3. traffic: {plans.Count} phases of {settings.Seconds} s, open model, batches of {settings.Batch}, "
                + $"{settings.DuplicateFraction:P1} duplicates, {settings.MalformedFraction:P1} malformed");
            var answers = new List<Task>();
            for (var index = 0; index < plans.Count; index++)
            {
                var plan = plans[index];
                var recorder = recorders[index];
                sampler.Stage = plan.Name;
                Console.WriteLine($"   {plan.Name}: {plan.Description}");
                await using (ProgressTicker.Start(TrafficProgress.Describe(plan.Name, recorder, driver, wallLatency, sampler)))
                {
                    answers.Add(await driver.ScheduleAsync(index, plan, recorder, token));
                }

                if (servers.FirstOrDefault(s => s.HasExited) is { } exited)
                {
                    throw new InvalidOperationException(
                        $"The server on {exited.BaseAddress} exited during the {plan.Name} phase. Its last output:{Environment.NewLine}{exited.Tail()}");
                }
            }

            // The schedule is over; what the server still owes is answered (or times out) now.
            sampler.Stage = "draining";
            await using (ProgressTicker.Start(TrafficProgress.Describe("draining", total, driver, wallLatency, sampler)))
            {
                await Task.WhenAll(answers);
            }

            sampler.Stage = "drained";
            await Task.Delay(FinalFrames, token);
            await sampler.SampleNowAsync(token);
            wall = new WallFigures(
                settings.WallClients,
                fleet.Connected,
                settings.HubProtocol.ToString(),
                fleet.Scopes.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
                wallLatency.Snapshots,
                wallLatency.Deltas,
                wallLatency.AdvancingFrames,
                wallLatency.Alerts,
                wallLatency.AllFrames.Summarize(),
                wallLatency.AllBatches.Summarize(),
                wallLatency.PendingBatches,
                wallLatency.Errors.Snapshot());
            samples = sampler.Samples;
            statsUnavailable = sampler.Unavailable;

            // The wall and the sampler are done: close them before the checks kill the servers under them.
            await fleet.DisposeAsync();
            await sampler.DisposeAsync();

            var streams = plans.SelectMany(p => p.Streams).ToArray();
            Console.WriteLine($"4. re-posting up to {settings.Verify:N0} of {streams.Sum(s => s.Acknowledged.Count):N0} acknowledged signals; each must be a duplicate");
            (repost, repostFailure) = await ScenarioRepostCheck.RunAsync(apis, streams, settings.Verify, Math.Max(settings.Batch, 100), settings.Clients, token);
            if (repostFailure is not null)
            {
                Console.Error.WriteLine($"   the re-post check could not be finished: {repostFailure}");
            }

            Console.WriteLine(postgres is null ? "   killing the server (SIGKILL) and reading its signal log file" : "   killing every server (SIGKILL) and reading signal_log");
            RunningServers.KillAll(servers);
        }
        finally
        {
            RunningServers.Release(apis, servers);
        }

        var allStreams = plans.SelectMany(p => p.Streams).ToArray();
        var tally = new StreamLogTally(allStreams);
        if (postgres is null)
        {
            LogFileCheck.ForEachSourceId(Path.Combine(launches[0].DataDirectory, "signals.db"), tally.Add);
        }
        else
        {
            await PostgresLogCheck.ForEachSourceIdAsync(postgres, tally.Add, token);
        }

        var (found, missing) = tally.Compare();
        var acknowledged = allStreams.Sum(s => s.Acknowledged.Count);
        var loss = new LossFigures(acknowledged, repost.Reposted, repost.Duplicates, repost.Accepted, found, missing, repost.Accepted + missing);
        Console.WriteLine($"   lost {loss.Lost:N0}: re-post {repost.Duplicates:N0} duplicates, {repost.Accepted:N0} new; log {found:N0} found, {missing:N0} missing");
        return new EngineMeasurements(entityRegistration, equipmentRegistration, plans, recorders, total, wallLatency, wall, series, idle, samples, statsUnavailable, loss, repostFailure, trafficStartSeconds);
    }

    private static string Describe(IReadOnlyDictionary<string, long> counts) => string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"));

    private static string Gib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.00} GiB");
}
