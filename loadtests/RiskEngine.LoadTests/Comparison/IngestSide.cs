using System.Diagnostics;
using RiskEngine.LoadTests.Api;
using RiskEngine.LoadTests.CommandLine;
using RiskEngine.LoadTests.Hosting;
using RiskEngine.LoadTests.Phases;
using RiskEngine.LoadTests.Reporting;
using RiskEngine.LoadTests.Stats;
using RiskEngine.LoadTests.Traffic;
using RiskEngine.LoadTests.Workload;

namespace RiskEngine.LoadTests.Comparison;

/// <summary>
/// One server side of compare: start a fresh server, register the entities, run the ingest command's closed loop
/// (<see cref="EngineIngestPhase"/>) while reading the server's stats every few seconds and its stats and /proc I/O
/// counters at the start and the end of the measured span, wait for the apply lag to drain, run the overload phase
/// on the same server when asked, then prove nothing acknowledged was lost: re-post a sample, kill -9, and look for
/// every acknowledged signal in the log file.
/// </summary>
public sealed class IngestSide(CompareSettings settings, EntityPopulation entities)
{
    private static readonly TimeSpan StatsInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan DrainPoll = TimeSpan.FromMilliseconds(500);

    /// <param name="name">The side's name in the report.</param>
    /// <param name="description">What it measures, in words.</param>
    /// <param name="launch">The server to start (its settings tell the sides apart).</param>
    /// <param name="sideSettings">The settings that tell this side apart, for the report.</param>
    /// <param name="workload">The closed loop's signals.</param>
    /// <param name="keptLog">Where the server's log is kept beside the report.</param>
    /// <param name="overload">Given the durable rate to offer, the overload phase to run after the measurement; null for none.</param>
    /// <param name="cancellationToken">Stops the side (the server is killed either way).</param>
    public async Task<(CompareSideFigures Side, OverloadFigures? Overload)> RunAsync(
        string name,
        string description,
        ServerLaunch launch,
        IReadOnlyDictionary<string, string> sideSettings,
        SignalWorkload workload,
        string keptLog,
        Func<double, PhasePlan>? overload,
        CancellationToken cancellationToken)
    {
        var warmup = TimeSpan.FromSeconds(settings.WarmupSeconds);
        var duration = TimeSpan.FromSeconds(settings.Seconds);
        var startFailures = new List<string>();
        RegistrationFigures registration;
        EngineFigures engine;
        AcknowledgedSignals acknowledged;
        ApplyFigures? apply = null;
        StorageTrafficFigures? traffic;
        ResidentMemoryFigures? memory = null;
        PhasePlan? overloadPlan = null;
        OverloadFigures? overloadFigures = null;
        IReadOnlyList<StatsSample> samples;
        string? statsUnavailable;
        RepostCheck.Outcome repost;
        var server = await ServerStarter.StartAsync(launch, startFailures, cancellationToken);
        try
        {
            Console.WriteLine($"   started pid {server.ProcessId} on {server.BaseAddress}, data in {launch.DataDirectory}");
            using var api = new EngineApi(server.BaseAddress, launch.ApiKey, settings.Clients);
            await using var sampler = new ServerStatsSampler([api], StatsInterval, Stopwatch.StartNew()) { Stage = "registering" };
            sampler.Start();

            Console.WriteLine($"   registering {settings.Entities:N0} entities through POST /api/v1/entities");
            registration = await RegistrationPhase.RunAsync(api, entities, settings.Clients, cancellationToken);
            Console.WriteLine($"   {registration.PerSecond:N0} entities/s");
            sampler.Stage = "registered";
            var registered = await sampler.SampleNowAsync(cancellationToken);

            Console.WriteLine($"   {settings.Clients} clients posting batches of {settings.Batch} to POST /api/v1/signals, each waiting for its 202 (closed loop)");
            sampler.Stage = "warm-up";
            var measurementStart = ReadAtAsync(warmup, sampler, server.ProcessId, cancellationToken);
            (engine, acknowledged) = await new EngineIngestPhase([api], workload, [server], settings.Batch, settings.Clients)
                .RunAsync(warmup, duration, cancellationToken);
            var (startStats, startIo) = await measurementStart;
            var endIo = IoCounters.Read(server.ProcessId);
            sampler.Stage = "measured";
            var endStats = await sampler.SampleNowAsync(cancellationToken);
            traffic = StorageTrafficFigures.Between(startIo, endIo, engine.Accepted);
            if (startStats is not null && endStats is not null)
            {
                apply = ApplyFigures.Between(startStats, endStats, sampler.Samples, engine.SignalsPerSecond);
                memory = ResidentMemoryFigures.Of(registered, endStats);
            }

            Console.WriteLine($"   {engine.SignalsPerSecond:N0} durable signals/s, request p99 {engine.RequestLatency.P99Ms:0.0} ms, refused {engine.RefusedRequests:N0}"
                + (apply is null ? "" : $"; {apply.AppliedPerSecond:N0} applied signals/s, apply lag {apply.ApplyLagAtEnd:N0} at the end (max {apply.MaxApplyLag:N0})"));
            if (apply is { ApplyLagAtEnd: > 0 })
            {
                sampler.Stage = "draining";
                apply = apply with { DrainSeconds = await DrainAsync(sampler, cancellationToken) };
                Console.WriteLine(apply.DrainSeconds is { } drained ? $"   the apply lag drained in {drained:0.0} s" : $"   the apply lag did not drain within {DrainLimit.TotalSeconds:0} s");
            }

            if (overload is not null && engine.SignalsPerSecond > 0)
            {
                overloadPlan = overload(settings.OverloadFactor * engine.SignalsPerSecond);
                Console.WriteLine($"   overload: {overloadPlan.Description} for {settings.Seconds} s, open model, batches of {settings.Batch}");
                sampler.Stage = "overload";
                overloadFigures = await OverloadPhase.RunAsync(server, launch.ApiKey, overloadPlan, settings, engine.SignalsPerSecond, sampler, cancellationToken);
                Console.WriteLine($"   kept {overloadFigures.KeptFraction:P1} of the durable rate; refused {overloadFigures.RequestsRefused:N0} requests, "
                    + $"{overloadFigures.OtherErrors:N0} other errors, answer p99 {overloadFigures.AnswerP99Ms:N0} ms");
            }

            samples = sampler.Samples;
            statsUnavailable = sampler.Unavailable;
            await sampler.DisposeAsync();

            var sample = acknowledged.Sample(settings.Verify, new Random());
            Console.WriteLine($"   re-posting {sample.Length:N0} of {acknowledged.Count:N0} acknowledged signals; each must be a duplicate");
            repost = await RepostCheck.RunAsync([api], workload, sample, settings.Batch, settings.Clients, cancellationToken);
            Console.WriteLine("   killing the server (SIGKILL) and reading its signal log file");
            server.Kill();
        }
        finally
        {
            server.Dispose();
        }

        var loss = LossAfterKill(launch, workload, acknowledged, overloadPlan, repost);
        Console.WriteLine($"   lost {loss.Lost:N0}: re-post {repost.Duplicates:N0} duplicates, {repost.Accepted:N0} new; log {loss.FoundInLogAfterKill:N0} found, {loss.MissingInLogAfterKill:N0} missing");
        ServerLogs.Keep([launch.LogPath], keptLog);
        var side = new CompareSideFigures(
            name, description, sideSettings, registration, engine, apply, traffic, memory, loss, statsUnavailable, samples,
            ServerLogSummary.Read(keptLog, keptLog), startFailures);
        return (side, overloadFigures);
    }

    /// <summary>At the end of the warm-up, the server's I/O counters and stats: where the measured span starts.</summary>
    private static async Task<(StatsSample? Stats, IoCounters? Io)> ReadAtAsync(TimeSpan delay, ServerStatsSampler sampler, int pid, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, cancellationToken);
        var io = IoCounters.Read(pid);
        sampler.Stage = "measuring";
        return (await sampler.SampleNowAsync(cancellationToken), io);
    }

    /// <summary>Seconds until the server reports no signal waiting to be applied; null when it still has some after <see cref="DrainLimit"/>.</summary>
    private static async Task<double?> DrainAsync(ServerStatsSampler sampler, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < DrainLimit)
        {
            await Task.Delay(DrainPoll, cancellationToken);
            if (await sampler.SampleNowAsync(cancellationToken) is { ApplyLag: 0 })
            {
                return Math.Round(clock.Elapsed.TotalSeconds, 1);
            }
        }

        return null;
    }

    /// <summary>Every acknowledged signal, of the closed loop and of the overload, looked for in the log file after the kill.</summary>
    private static LossFigures LossAfterKill(
        ServerLaunch launch, SignalWorkload workload, AcknowledgedSignals acknowledged, PhasePlan? overloadPlan, RepostCheck.Outcome repost)
    {
        var closedLoop = new LoggedSignalTally(workload);
        var overloadStreams = overloadPlan is null ? null : new StreamLogTally(overloadPlan.Streams);
        LogFileCheck.ForEachSourceId(Path.Combine(launch.DataDirectory, "signals.db"), sourceId =>
        {
            closedLoop.Add(sourceId);
            overloadStreams?.Add(sourceId);
        });
        var inLog = closedLoop.Compare(acknowledged);
        var (overloadFound, overloadMissing) = overloadStreams?.Compare() ?? (0, 0);
        var total = acknowledged.Count + (overloadPlan?.Streams.Sum(s => s.Acknowledged.Count) ?? 0);
        return new LossFigures(
            total, repost.Reposted, repost.Duplicates, repost.Accepted, inLog.Found + overloadFound, inLog.Missing + overloadMissing,
            repost.Accepted + inLog.Missing + overloadMissing);
    }
}
