using System.Diagnostics;
using RiskEngine.LoadTests.Api;
using RiskEngine.LoadTests.CommandLine;
using RiskEngine.LoadTests.Hosting;
using RiskEngine.LoadTests.Phases;
using RiskEngine.LoadTests.Reporting;
using RiskEngine.LoadTests.Stats;
using RiskEngine.LoadTests.Traffic;
using RiskEngine.LoadTests.Wall;

namespace RiskEngine.LoadTests.Comparison;

/// <summary>
/// Overload, the scenarios' way: one phase of <c>steady</c> traffic sent by the open-model driver at a multiple of the
/// durable rate the closed loop reached, to a server that is already warm. Requests arrive on schedule whether or not
/// earlier ones were answered; the engine should refuse what it cannot take at once (503) and keep its pace with the rest.
/// No repeats or spoiled signals are mixed in, so the durable rate compares with the closed loop's.
/// </summary>
public static class OverloadPhase
{
    // Enough connections that the client's pool is not what queues the requests.
    private const int Connections = 256;

    public static async Task<OverloadFigures> RunAsync(
        ServerProcess server, string apiKey, PhasePlan plan, CompareSettings settings, double baseDurablePerSecond, ServerStatsSampler sampler,
        CancellationToken cancellationToken)
    {
        using var api = new EngineApi(server.BaseAddress, apiKey, Connections);
        var seconds = plan.Duration.TotalSeconds;
        var series = new SecondSeries(Stopwatch.GetTimestamp(), (int)Math.Ceiling(seconds) + 300);

        // No wall clients watch here; the driver still reports each 202 to a wall, which then has no frames to match.
        var wall = new WallLatency(1) { Series = series };
        var driver = new OpenModelDriver(
            [api], new BatchComposer(settings.Batch, duplicateFraction: 0, malformedFraction: 0, seed: 42), settings.Batch, settings.MaxOutstanding,
            wall, series, () => !server.HasExited);
        var recorder = new PhaseRecorder(plan.Name, seconds, plan.TotalRate);
        var cpu = new CpuMeter([server.ProcessId]);
        var readingsBefore = sampler.Samples.Count;
        cpu.Start();
        await using (ProgressTicker.Start(TrafficProgress.Describe(plan.Name, recorder, driver, wall, sampler)))
        {
            var answers = await driver.ScheduleAsync(0, plan, recorder, cancellationToken);
            await answers;
        }

        var usage = cpu.Stop();
        if (server.HasExited)
        {
            throw new InvalidOperationException($"The server on {server.BaseAddress} exited during the overload phase. Its last output:{Environment.NewLine}{server.Tail()}");
        }

        var phase = ScenarioReportBuilder.Phase(recorder, plan.Description, series.StartTimestamp, LatencySummary.Empty, LatencySummary.Empty);
        var lags = sampler.Samples.Skip(readingsBefore).Select(s => s.ApplyLag).Where(l => l is not null).ToArray();
        return new OverloadFigures(
            settings.OverloadFactor,
            Math.Round(baseDurablePerSecond, 1),
            Math.Round(plan.TotalRate.StartPerSecond, 1),
            phase,
            baseDurablePerSecond > 0 ? Math.Round(phase.DurablePerSecond / baseDurablePerSecond, 4) : 0,
            phase.RequestsRefused,
            phase.SignalsRefused,
            phase.Errors.Values.Sum() + phase.CountMismatches,
            phase.IngestLatency.P99Ms,
            lags.Length == 0 ? null : lags.Max(),
            usage,
            usage?.MillisecondsPer1000(usage.ServerCores, phase.Accepted));
    }
}
