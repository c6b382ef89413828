using System.Globalization;
using RiskEngine.LoadTests.CommandLine;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>
/// Turns compare's measurements into its report: the ratios and figures beside the design's performance targets, and
/// the problems worth a reader's attention, in words.
/// </summary>
public static class CompareReportBuilder
{
    /// <summary>End to end, durable and applied, at least this many signals per second.</summary>
    public const double EndToEndRateTarget = 40_000;

    /// <summary>End to end at least this share of the PostgreSQL-only yardstick.</summary>
    public const double PgOnlyTarget = 0.6;

    /// <summary>The HTTP-and-log path alone at least this share of the intake-only yardstick.</summary>
    public const double IntakeOnlyTarget = 0.8;

    /// <summary>Under overload, at least this share of the closed loop's durable rate kept.</summary>
    public const double KeptUnderOverloadTarget = 0.9;

    /// <summary>Under overload, 99% of answers (202 or refusal) within this.</summary>
    public const double AnswerP99TargetMs = 2000;

    /// <summary>Other processes busier than this many cores during a measured span disturbed it.</summary>
    public const double DisturbedCores = 0.5;

    public static CompareReport Build(
        CompareSettings settings, string runId, DateTimeOffset startedAt, MachineInfo machine, IReadOnlyDictionary<string, string> serverSettings,
        CompareSideFigures endToEnd, OverloadFigures? overload, CompareSideFigures httpAndLog, BaselineFigures rawAppend,
        IReadOnlyList<YardstickFigures> yardsticks)
    {
        var report = new CompareReport(
            "compare", runId, startedAt, DateTimeOffset.Now, machine, settings, serverSettings, endToEnd, overload, httpAndLog, rawAppend, yardsticks, [], []);
        return report with { Targets = Targets(report), Problems = Problems(report) };
    }

    private static List<TargetFigure> Targets(CompareReport report)
    {
        var endToEnd = report.EndToEnd.Engine.SignalsPerSecond;
        var applied = report.EndToEnd.Apply?.AppliedPerSecond;
        var httpAndLog = report.HttpAndLog.Engine.SignalsPerSecond;
        var raw = report.RawAppend.RowsPerSecond;
        var pgOnly = report.Yardsticks.FirstOrDefault(y => y.Name == Comparison.Yardstick.PgOnly.Name);
        var intakeOnly = report.Yardsticks.FirstOrDefault(y => y.Name == Comparison.Yardstick.IntakeOnly.Name);
        var targets = new List<TargetFigure>
        {
            AtLeast("end-to-end durable signals/s", endToEnd, "/s", EndToEndRateTarget, $"{N(report.EndToEnd.Engine.Accepted)} in {F(report.EndToEnd.Engine.Seconds)} s"),
            applied is { } appliedRate
                ? AtLeast("end-to-end applied signals/s", appliedRate, "/s", EndToEndRateTarget, $"appliedTotal grew {N(report.EndToEnd.Apply!.Applied)} in {F(report.EndToEnd.Apply.Seconds)} s")
                : NotMeasured("end-to-end applied signals/s", "/s", Text(EndToEndRateTarget), report.EndToEnd.StatsUnavailable ?? "the server reports no appliedTotal"),
            Ratio("end-to-end durable / pg-only", endToEnd, pgOnly, PgOnlyTarget),
            applied is { } appliedToPg
                ? Ratio("end-to-end applied / pg-only", appliedToPg, pgOnly, PgOnlyTarget)
                : NotMeasured("end-to-end applied / pg-only", "x", Text(PgOnlyTarget), "applied signals/s not measured"),
            Ratio("HTTP and log / intake-only", httpAndLog, intakeOnly, IntakeOnlyTarget),
            new("end-to-end durable / raw append", Round(endToEnd / raw), "x", "-", null, $"{N(endToEnd)} signals/s / {N(raw)} rows/s"),
            new("HTTP and log / raw append", Round(httpAndLog / raw), "x", "-", null, $"{N(httpAndLog)} signals/s / {N(raw)} rows/s"),
        };

        if (report.Overload is { } overload)
        {
            var phase = overload.Phase;
            targets.Add(AtLeast("overload: durable rate kept", overload.KeptFraction, "x", KeptUnderOverloadTarget,
                $"{N(phase.DurablePerSecond)} durable/s at {F(overload.Factor)}x ({N(overload.OfferedPerSecond)}/s offered) / {N(overload.BaseDurablePerSecond)} end to end; {N(overload.RequestsRefused)} requests refused"));
            targets.Add(new("overload: errors other than refusals", overload.OtherErrors, "", "0", overload.OtherErrors == 0,
                phase.Errors.Count == 0 ? "none" : string.Join(", ", phase.Errors.Select(e => $"{e.Key} {N(e.Value)}"))));
            targets.Add(new("overload: answer p99", overload.AnswerP99Ms, "ms", $"< {N(AnswerP99TargetMs)}", overload.AnswerP99Ms < AnswerP99TargetMs,
                $"intended send to 202 or refusal, {N(phase.IngestLatency.Count)} answers; p50 {F(phase.IngestLatency.P50Ms)} ms, max {F(phase.IngestLatency.MaxMs)} ms"));
        }
        else
        {
            var why = report.Settings.OverloadFactor == 0 ? "--overload-factor 0 left it out" : "the end-to-end side made nothing durable";
            targets.Add(NotMeasured("overload: durable rate kept", "x", Text(KeptUnderOverloadTarget), why));
            targets.Add(NotMeasured("overload: errors other than refusals", "", "0", why));
            targets.Add(NotMeasured("overload: answer p99", "ms", $"< {N(AnswerP99TargetMs)}", why));
        }

        return targets;
    }

    private static TargetFigure AtLeast(string what, double value, string unit, double target, string detail) =>
        new(what, Round(value), unit, ">= " + Text(target), value >= target, detail);

    private static TargetFigure Ratio(string what, double engine, YardstickFigures? yardstick, double target)
    {
        if (yardstick?.SignalsPerSecond is not { } rate || rate <= 0)
        {
            return NotMeasured(what, "x", ">= " + Text(target), yardstick?.NotRun ?? "the yardstick was not run");
        }

        var ratio = engine / rate;
        return new(what, Round(ratio), "x", ">= " + Text(target), ratio >= target, $"{N(engine)} / {N(rate)} signals/s");
    }

    private static TargetFigure NotMeasured(string what, string unit, string target, string why) => new(what, null, unit, target, null, "not measured: " + why);

    private static List<string> Problems(CompareReport report)
    {
        var problems = new List<string>();
        foreach (var side in new[] { report.EndToEnd, report.HttpAndLog })
        {
            if (side.Loss.Lost > 0)
            {
                problems.Add($"{side.Name}: {N(side.Loss.Lost)} acknowledged signals were lost.");
            }

            if (side.StorageTraffic is null)
            {
                problems.Add($"{side.Name}: no /proc/PID/io for the server: storage traffic per signal not measured.");
            }

            if (side.ServerLog.Errors > 0)
            {
                problems.Add($"{side.Name}: the server logged {side.ServerLog.Errors} errors; see {side.ServerLog.KeptAt}.");
            }

            Disturbed(problems, side.Name, side.Engine.Cpu);
        }

        var endToEnd = report.EndToEnd;
        if (endToEnd.StatsUnavailable is { } why)
        {
            problems.Add($"{endToEnd.Name}: server stats: {why}.");
        }
        else if (endToEnd.Apply is null)
        {
            problems.Add($"{endToEnd.Name}: the server reports no appliedTotal (an older build?): applied signals/s not measured.");
        }
        else if (endToEnd.Apply is { ApplyLagAtEnd: > 0, DrainSeconds: null })
        {
            problems.Add($"{endToEnd.Name}: the apply lag ({N(endToEnd.Apply.ApplyLagAtEnd)} at the end) did not drain within a minute.");
        }

        if (endToEnd.Engine.RefusedRequests > 0)
        {
            problems.Add($"{endToEnd.Name}: the closed loop was refused {N(endToEnd.Engine.RefusedRequests)} times (503: the backlog reached its capacity) and its clients waited out "
                + "each Retry-After before sending the batch again, idle meanwhile: its durable rate is what well-behaved clients get, which can be below what the engine "
                + $"takes (compare the overload phase's durable rate; {report.Settings.Clients} clients x {report.Settings.Batch} signals in flight against the engine's Engine:DispatchQueueCapacity).");
        }

        if (report.Overload is { } overload)
        {
            foreach (var (type, examples) in overload.Phase.ErrorExamples)
            {
                problems.Add($"overload: {type} {N(overload.Phase.Errors.GetValueOrDefault(type))}, e.g.: {string.Join(" | ", examples)}");
            }

            if (overload.Phase.SenderLag.P99Ms > ScenarioReportBuilder.StarvedSenderMs)
            {
                problems.Add($"overload: the load generator sent late (p99 {F(overload.Phase.SenderLag.P99Ms)} ms behind schedule): it was short of CPU, and the latencies include that lag.");
            }

            Disturbed(problems, "overload", overload.Cpu);
        }

        Disturbed(problems, "raw append", report.RawAppend.Cpu);
        foreach (var yardstick in report.Yardsticks)
        {
            if (yardstick.NotRun is { } reason)
            {
                problems.Add($"{yardstick.Name} not run: {reason}.");
            }
            else
            {
                Disturbed(problems, yardstick.Name, yardstick.Cpu);
            }
        }

        return problems;
    }

    private static void Disturbed(List<string> problems, string span, CpuUsage? cpu)
    {
        if (cpu is { OtherCores: > DisturbedCores })
        {
            problems.Add($"{span}: other processes used {cpu.OtherCores.ToString("0.00", CultureInfo.InvariantCulture)} cores meanwhile (load average {cpu.LoadAverage.ToString("0.0", CultureInfo.InvariantCulture)}): the figure was disturbed; run again when the machine is quiet.");
        }
    }

    private static double Round(double value) => double.IsFinite(value) ? Math.Round(value, 4) : 0;

    private static string Text(double value) => value >= 1000 ? N(value) : value.ToString(CultureInfo.InvariantCulture);

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.0##", CultureInfo.InvariantCulture);
}
