using System.Globalization;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>The headline figures of a scenario report as (what, figure, detail) rows, shared by the console table and the Markdown.</summary>
public static class ScenarioSummaryRows
{
    public static IReadOnlyList<(string What, string Figure, string Detail)> Of(ScenarioReport report)
    {
        var city = report.City;
        var rows = new List<(string, string, string)>
        {
            ("registration, entities", $"{N(city.EntityRegistration.PerSecond)}/s",
                $"{N(city.Entities)} in {city.EntityRegistration.Requests:N0} batches of {city.EntityRegistration.BatchSize}, {F(city.EntityRegistration.Seconds)} s"),
        };
        if (city.EquipmentRegistration is { } units)
        {
            rows.Add(("registration, equipment", $"{N(units.PerSecond)}/s",
                $"{N(city.Equipment)} ({N(city.EquipmentOverdue)} overdue) in {units.Requests:N0} batches, {F(units.Seconds)} s"));
        }

        foreach (var phase in report.Phases.Append(report.Traffic))
        {
            rows.Add(($"{phase.Name}: durable", $"{N(phase.DurablePerSecond)}/s",
                $"offered {N(phase.OfferedPerSecond)}/s ({RateShape(phase)}), answered {phase.AnsweredToOfferedRatio:P1}; "
                + $"ingest ms {Latency(phase.IngestLatency)}; wall ms {Latency(phase.SignalToWall)}; "
                + $"dup {N(phase.DuplicatesReported)}/{N(phase.DuplicatesSent)}, rejected {N(phase.MalformedRejected)}/{N(phase.MalformedSent)}"
                + (phase.RequestsRefused > 0 ? $"; refused {N(phase.RequestsRefused)} requests ({N(phase.SignalsRefused)} signals)" : "")
                + (phase.Errors.Count > 0 ? "; errors " + string.Join(", ", phase.Errors.Select(e => $"{e.Key} {N(e.Value)}")) : "")));
        }

        var wall = report.Wall;
        rows.Add(("signal -> wall", wall.SignalToWall.Count == 0 ? "not measured" : string.Create(CultureInfo.InvariantCulture, $"p99 {wall.SignalToWall.P99Ms:0.0} ms"),
            $"{wall.Connected}/{wall.Requested} clients ({wall.Protocol}); {N(wall.AdvancingDeltas)} of {N(wall.Deltas)} deltas sampled; per frame {Latency(wall.SignalToWall)}; "
            + $"per batch (intended send -> frame) {Latency(wall.BatchToWall)}; {N(wall.BatchesNeverShown)} batches never shown"));

        var server = report.Server;
        rows.Add(("memory per active grain", server.MemoryPerActiveGrain is { } memory ? $"{N(memory.WorkingSetBytesPerActivation)} B" : "not measured",
            server.MemoryPerActiveGrain is { } m
                ? $"working set {Gib(m.IdleWorkingSetBytes)} -> {Gib(m.LoadedWorkingSetBytes)} for {N(m.IdleActivations)} -> {N(m.LoadedActivations)} activations; managed heap {N(m.ManagedHeapBytesPerActivation)} B per activation; peak {Gib(server.PeakWorkingSetBytes)}"
                : server.Unavailable ?? "no growth in activations"));

        var baselines = report.Baselines;
        rows.Add(("raw append", $"{N(baselines.RawAppend.RowsPerSecond)} rows/s", $"{baselines.RawAppendKind}; commit ms {Latency(baselines.RawAppend.CommitLatency)}"));
        rows.Add(("naive state writes", $"{N(baselines.Naive.WritesPerSecond)} writes/s", $"{baselines.NaiveKind}; write ms {Latency(baselines.Naive.WriteLatency)}"));
        rows.Add(("bare grain calls", $"{N(baselines.GrainCalls.CallsPerSecond)} calls/s",
            $"Orleans {baselines.GrainCalls.Orleans}, in-process silo, {baselines.GrainCalls.Callers} callers over {N(baselines.GrainCalls.Grains)} grains; call ms {Latency(baselines.GrainCalls.CallLatency)}"));
        foreach (var ratio in report.Ratios)
        {
            rows.Add(("ratio", ratio.Ratio.ToString(ratio.Ratio >= 10 ? "0.0" : "0.000", CultureInfo.InvariantCulture), $"{ratio.What}: {N(ratio.Engine)} / {N(ratio.Baseline)}"));
        }

        var loss = report.Loss;
        rows.Add(("lost", $"{N(loss.Lost)} of {N(loss.Acknowledged)}",
            $"re-posted {N(loss.Reposted)}: {N(loss.RepostDuplicates)} duplicates, {N(loss.RepostAccepted)} new; log after kill -9: {N(loss.FoundInLogAfterKill)} found, {N(loss.MissingInLogAfterKill)} missing"));
        rows.Add(("server log", $"{report.ServerLog.Warnings} warnings, {report.ServerLog.Errors} errors", report.ServerLog.KeptAt));
        return rows;
    }

    public static string Latency(LatencySummary summary) => summary.Count == 0
        ? "-"
        : string.Create(CultureInfo.InvariantCulture, $"p50 {summary.P50Ms:0.0}, p90 {summary.P90Ms:0.0}, p99 {summary.P99Ms:0.0}, p99.9 {summary.P999Ms:0.0}, max {summary.MaxMs:0.0}");

    private static string RateShape(PhaseFigures phase) => Math.Abs(phase.OfferedRateStart - phase.OfferedRateEnd) < 0.5
        ? "constant"
        : $"ramp {N(phase.OfferedRateStart)} -> {N(phase.OfferedRateEnd)}/s";

    private static string Gib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.00} GiB");

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.0##", CultureInfo.InvariantCulture);
}
