using System.Globalization;
using RiskEngine.LoadTests.CommandLine;
using RiskEngine.LoadTests.Scenarios;
using RiskEngine.LoadTests.Traffic;
using RiskEngine.LoadTests.Workload;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>
/// Turns a run's measurements into the report: figures per phase and for the whole traffic, the wall, the servers'
/// series, the ratios to the baselines, and the problems worth a reader's attention, in words.
/// </summary>
public static class ScenarioReportBuilder
{
    /// <summary>Below this share of the offered signals answered, a phase did not keep up.</summary>
    public const double KeptUpShare = 0.95;

    /// <summary>A sender later than this at the 99th percentile was starved of CPU: its latencies include its own lag.</summary>
    public const double StarvedSenderMs = 100;

    public static ScenarioReport Build(
        ScenarioSettings settings, string runId, DateTimeOffset startedAt, MachineInfo machine, IReadOnlyDictionary<string, string> serverSettings,
        EntityPopulation entities, EquipmentPopulation equipment, EngineMeasurements engine, ScenarioBaselines baselines,
        ServerLogSummary serverLog, IReadOnlyList<string> startFailures)
    {
        var origin = engine.Series.StartTimestamp;
        var phases = engine.Plans.Select((plan, i) => Phase(engine.Recorders[i], plan.Description, origin, engine.WallLatency.FramesOf(i).Summarize(), engine.WallLatency.BatchesOf(i).Summarize())).ToArray();
        var traffic = Phase(engine.Total, $"{phases.Length} phases together", origin, engine.Wall.SignalToWall, engine.Wall.BatchToWall);

        var registrationSeconds = engine.EntityRegistration.Seconds + (engine.EquipmentRegistration?.Seconds ?? 0);
        var city = new CityFigures(
            entities.Count,
            equipment.Count,
            entities.CountByDistrict(),
            equipment.CountByClass(),
            equipment.OverdueCount(),
            engine.EntityRegistration,
            engine.EquipmentRegistration,
            registrationSeconds > 0 ? Math.Round((entities.Count + equipment.Count) / registrationSeconds, 1) : 0);

        var samples = engine.Samples;
        var server = new ServerFigures(
            samples,
            engine.StatsUnavailable,
            MemoryPerGrainFigures.Between(engine.Idle, samples),
            samples.Count == 0 ? 0 : samples.Max(s => s.WorkingSetBytes),
            samples.Count == 0 ? 0 : samples.Max(s => s.Activations));

        var best = phases.MaxBy(p => p.DurablePerSecond)!;
        var durable = best.DurablePerSecond;
        var durableName = $"durable signals/s (best phase: {best.Name})";
        var ratios = new List<RatioFigure>
        {
            RatioFigure.Of($"{durableName} vs raw append rows/s", durable, baselines.RawAppend.RowsPerSecond,
                "share of the physical limit of durability here (the same table, batches of the same size, nothing else in the way)"),
            RatioFigure.Of($"{durableName} vs naive per-signal state writes/s", durable, baselines.Naive.WritesPerSecond,
                "how many times more than a design that makes each signal durable by its grain's WriteStateAsync"),
            RatioFigure.Of($"{durableName} vs bare grain calls/s", durable, baselines.GrainCalls.CallsPerSecond,
                "signals per second as a share of what Orleans alone completes in calls per second on this machine"),
            RatioFigure.Of("registration subjects/s vs raw append rows/s", city.SubjectsPerSecond, baselines.RawAppend.RowsPerSecond,
                "registration (validation, directory upsert, HTTP) against raw appends"),
        };
        foreach (var phase in phases)
        {
            ratios.Add(RatioFigure.Of($"{phase.Name}: signals answered vs offered", phase.AnsweredToOfferedRatio * phase.SignalsOffered, phase.SignalsOffered,
                "1 when every scheduled signal was answered (a 202 counted it accepted, duplicate or rejected)"));
        }

        var repostProblem = engine.RepostFailure is null ? null : $"the re-post check could not be finished: {engine.RepostFailure}.";
        var report = new ScenarioReport(
            settings.Scenario, runId, startedAt, DateTimeOffset.Now, machine, settings, serverSettings, city, phases, traffic, engine.Wall, server,
            baselines, ratios, engine.Loss, engine.Series.Rows(), [], serverLog, startFailures, [],
            settings.IsSoak ? SoakAnalysis.Of(engine.Series.Minutes(), samples, engine.TrafficStartSeconds) : null);
        var problems = Problems(report);
        if (repostProblem is not null)
        {
            problems.Insert(0, repostProblem);
        }

        return report with { Problems = problems };
    }

    /// <summary>One phase's figures from its recorder; <paramref name="origin"/> is the traffic's start (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
    public static PhaseFigures Phase(PhaseRecorder recorder, string description, long origin, LatencySummary signalToWall, LatencySummary batchToWall)
    {
        var elapsed = recorder.ElapsedSeconds;
        var answered = recorder.Accepted + recorder.DuplicatesReported + recorder.MalformedRejected + recorder.ValidRejected;
        return new PhaseFigures(
            recorder.Name,
            description,
            Math.Round((double)Math.Max(0, recorder.StartTimestamp - origin) / System.Diagnostics.Stopwatch.Frequency, 3),
            recorder.Seconds,
            Math.Round(elapsed, 3),
            Math.Round(recorder.ItemsOffered / recorder.Seconds, 1),
            Math.Round(recorder.Offered.StartPerSecond, 1),
            Math.Round(recorder.Offered.EndPerSecond, 1),
            Math.Round(answered / elapsed, 1),
            Math.Round(recorder.Accepted / elapsed, 1),
            recorder.ItemsOffered > 0 ? Math.Round((double)answered / recorder.ItemsOffered, 4) : 0,
            recorder.ItemsOffered,
            recorder.RequestsSent,
            recorder.RequestsAnswered,
            recorder.Accepted,
            recorder.DuplicatesSent,
            recorder.DuplicatesReported,
            recorder.MalformedSent,
            recorder.MalformedRejected,
            recorder.ValidRejected,
            recorder.CountMismatches,
            recorder.RequestsRefused,
            recorder.SignalsRefused,
            recorder.IngestLatency.Summarize(),
            recorder.ServiceLatency.Summarize(),
            recorder.SenderLag.Summarize(),
            signalToWall,
            batchToWall,
            recorder.Errors.Snapshot(),
            recorder.Errors.Examples());
    }

    private static List<string> Problems(ScenarioReport report)
    {
        var problems = new List<string>();
        string F(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
        if (report.Loss.Lost > 0)
        {
            problems.Add($"{F(report.Loss.Lost)} acknowledged signals were lost.");
        }

        foreach (var phase in report.Phases)
        {
            if (phase.AnsweredToOfferedRatio < KeptUpShare)
            {
                problems.Add($"{phase.Name}: the server answered {phase.AnsweredToOfferedRatio:P0} of the offered signals; it did not keep up with {F(phase.OfferedPerSecond)}/s"
                    + (phase.RequestsRefused > 0 ? $" and refused {F(phase.SignalsRefused)} signals in {F(phase.RequestsRefused)} requests as over capacity." : "."));
            }

            if (phase.SenderLag.P99Ms > StarvedSenderMs)
            {
                problems.Add($"{phase.Name}: the load generator sent late (p99 {phase.SenderLag.P99Ms:0} ms behind schedule): it was short of CPU, and its latencies include that lag.");
            }
        }

        var traffic = report.Traffic;
        if (traffic.Errors.Count > 0)
        {
            problems.Add("errors: " + string.Join(", ", traffic.Errors.Select(e => $"{e.Key} {F(e.Value)}")) + ".");
            foreach (var (type, examples) in traffic.ErrorExamples)
            {
                problems.Add($"{type}, e.g.: {string.Join(" | ", examples)}");
            }
        }

        if (traffic.CountMismatches > 0)
        {
            problems.Add($"{F(traffic.CountMismatches)} answers whose accepted + duplicates + rejected did not add up to the batch.");
        }

        if (report.Wall.Requested > 0 && report.Wall.Connected == 0)
        {
            problems.Add("no wall client could connect to /hubs/risk: " + string.Join(", ", report.Wall.Errors.Select(e => $"{e.Key} {e.Value}")) + "; no signal-to-wall latency.");
        }
        else if (report.Wall.Requested > 0 && report.Wall.SignalToWall.Count == 0)
        {
            problems.Add("the wall clients received no delta whose maxIngestedAt moved on: no signal-to-wall latency.");
        }

        if (report.Server.Unavailable is { } why)
        {
            problems.Add($"server stats: {why}.");
        }
        else if (report.Server.MemoryPerActiveGrain is null)
        {
            problems.Add("memory per active grain could not be computed (no growth in activations between the idle and the loaded readings).");
        }

        if (report.Soak is { Flat: not true } soak)
        {
            problems.Add($"soak: {soak.Verdict}.");
        }

        if (report.ServerLog.Errors > 0)
        {
            problems.Add($"the server logged {report.ServerLog.Errors} errors; see {report.ServerLog.KeptAt}.");
        }

        return problems;
    }
}
