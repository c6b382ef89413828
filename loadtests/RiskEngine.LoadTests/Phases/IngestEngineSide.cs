using System.Diagnostics;
using RiskEngine.LoadTests.Api;
using RiskEngine.LoadTests.CommandLine;
using RiskEngine.LoadTests.Hosting;
using RiskEngine.LoadTests.Reporting;
using RiskEngine.LoadTests.Stats;
using RiskEngine.LoadTests.Workload;

namespace RiskEngine.LoadTests.Phases;

/// <summary>
/// The ingest benchmark's engine side with one set of servers: start them, register the population through the first,
/// measure durable ingest from clients spread round-robin over the servers (and, when asked, applied signals from the
/// servers' own counts over the same span), re-post a sample of what was acknowledged, kill every server outright and
/// look for every acknowledged signal in the signal log (the SQLite file, or the PostgreSQL table).
/// </summary>
public static class IngestEngineSide
{
    /// <summary>Between readings of the servers' stats while the loop runs: often enough to catch the apply lag's peak, rarely enough to cost nothing.</summary>
    private static readonly TimeSpan StatsInterval = TimeSpan.FromSeconds(2);

    /// <param name="settings">The run's settings (clients, batch, re-post sample).</param>
    /// <param name="launches">The servers to start.</param>
    /// <param name="postgres">The cluster's schema-scoped connection string; null for SQLite (its log file is read instead).</param>
    /// <param name="population">The entities to register; the signals name them.</param>
    /// <param name="workload">The closed loop's signals.</param>
    /// <param name="warmup">Unmeasured time first.</param>
    /// <param name="duration">The measured span.</param>
    /// <param name="measureApplied">Read <c>appliedTotal</c> and <c>applyLag</c> from every server at the start and the end of the span.</param>
    /// <param name="cancellationToken">Stops the side; the servers are killed either way.</param>
    public static async Task<EngineSideFigures> RunAsync(
        IngestSettings settings, IReadOnlyList<ServerLaunch> launches, string? postgres, EntityPopulation population, SignalWorkload workload,
        TimeSpan warmup, TimeSpan duration, bool measureApplied, CancellationToken cancellationToken)
    {
        var startFailures = new List<string>();
        RegistrationFigures registration;
        EngineFigures engine;
        ApplyFigures? apply = null;
        string? statsUnavailable = null;
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
            // Cancelled when the loop fails, so the reading due at the end of the warm-up is not taken from servers about to be gone.
            using var measuring = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await using (var sampler = new ServerStatsSampler(apis, StatsInterval, Stopwatch.StartNew()) { Stage = "warm-up" })
            {
                Task<StatsSample?>? measurementStart = null;
                if (measureApplied)
                {
                    sampler.Start();
                    measurementStart = SampleAfterAsync(warmup, sampler, measuring.Token);
                }

                try
                {
                    (engine, acknowledged) = await new EngineIngestPhase(apis, workload, servers, settings.Batch, settings.Clients, meterDatabase: postgres is not null)
                        .RunAsync(warmup, duration, cancellationToken);
                }
                catch
                {
                    await measuring.CancelAsync();
                    throw;
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (measurementStart is not null)
                {
                    var start = await measurementStart;
                    sampler.Stage = "measured";
                    var end = await sampler.SampleNowAsync(cancellationToken);
                    apply = Applied(start, end, sampler.Samples, engine.SignalsPerSecond, servers.Count);
                    statsUnavailable = sampler.Unavailable ?? (apply is null ? NoApplied(start, end, servers.Count) : null);
                }
            }

            Console.WriteLine($"   {engine.SignalsPerSecond:N0} durable signals/s, request p99 {engine.RequestLatency.P99Ms:0.0} ms"
                + (apply is null ? "" : $"; {apply.AppliedPerSecond:N0} applied signals/s, apply lag {apply.ApplyLagAtEnd:N0} at the end (max {apply.MaxApplyLag:N0})")
                + (statsUnavailable is null ? "" : $"; applied not measured: {statsUnavailable}"));

            var sample = acknowledged.Sample(settings.Verify, new Random());
            Console.WriteLine($"3. re-posting {sample.Length:N0} of {acknowledged.Count:N0} acknowledged signals; each must be a duplicate");
            repost = await RepostCheck.RunAsync(apis, workload, sample, settings.Batch, settings.Clients, cancellationToken);

            Console.WriteLine(postgres is null
                ? "   killing the server (SIGKILL) and reading its signal log file"
                : "   killing every server (SIGKILL) and reading signal_log");
            RunningServers.KillAll(servers);
        }
        finally
        {
            RunningServers.Release(apis, servers);
        }

        var inLog = postgres is null
            ? LogFileCheck.Run(Path.Combine(launches[0].DataDirectory, "signals.db"), workload, acknowledged)
            : await PostgresLogCheck.RunAsync(postgres, workload, acknowledged, cancellationToken);
        var loss = new LossFigures(
            acknowledged.Count, repost.Reposted, repost.Duplicates, repost.Accepted, inLog.Found, inLog.Missing,
            repost.Accepted + inLog.Missing);
        Console.WriteLine($"   lost {loss.Lost:N0}: re-post {repost.Duplicates:N0} duplicates, {repost.Accepted:N0} new; log {inLog.Found:N0} found, {inLog.Missing:N0} missing");
        return new EngineSideFigures(launches.Count, registration, engine, apply, statsUnavailable, loss, startFailures);
    }

    /// <summary>At the end of the warm-up, every server's stats summed: where the applied count's span starts.</summary>
    private static async Task<StatsSample?> SampleAfterAsync(TimeSpan delay, ServerStatsSampler sampler, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, cancellationToken);
        sampler.Stage = "measuring";
        return await sampler.SampleNowAsync(cancellationToken);
    }

    /// <summary>Applied figures only from readings of every server: a sum missing one would understate the cluster.</summary>
    private static ApplyFigures? Applied(StatsSample? start, StatsSample? end, IReadOnlyList<StatsSample> samples, double durablePerSecond, int servers) =>
        start is { } first && end is { } last && first.Servers == servers && last.Servers == servers
            ? ApplyFigures.Between(first, last, samples, durablePerSecond)
            : null;

    private static string NoApplied(StatsSample? start, StatsSample? end, int servers) => start is null || end is null
        ? "no stats reading at the start or the end of the measured span"
        : start.Servers != servers || end.Servers != servers
            ? $"only {Math.Min(start.Servers, end.Servers)} of {servers} servers answered GET /api/v1/system/stats at the start or the end of the span"
            : "the servers report no appliedTotal";
}
