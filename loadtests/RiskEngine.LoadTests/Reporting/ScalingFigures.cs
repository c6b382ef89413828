using System.Globalization;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>
/// How cluster mode on PostgreSQL scaled in one run: each server count's figures in the order run, what raw COPY cost
/// PostgreSQL per row in the same run, and the targets beside the figures (reported, not enforced: the exit code is
/// about loss).
/// </summary>
/// <param name="RawCopyPostgresMicrosecondsPerRow">PostgreSQL's CPU µs per row of the raw COPY baseline; null without /proc.</param>
/// <param name="ServerCounts">One entry per count given to <c>--servers</c>, in that order.</param>
/// <param name="Targets">The cluster's performance targets beside the figures of this run.</param>
public sealed record ScalingFigures(
    double? RawCopyPostgresMicrosecondsPerRow,
    IReadOnlyList<ServerCountFigures> ServerCounts,
    IReadOnlyList<TargetFigure> Targets)
{
    /// <summary>PostgreSQL CPU per durable signal, at most (raw COPY spends about 10 µs per row on the reference box).</summary>
    public const double PostgresMicrosecondsPerSignalTarget = 60;

    /// <summary>Two servers on one PostgreSQL, durable and applied, at least this many signals per second.</summary>
    public const double TwoServersRateTarget = 10_000;

    /// <summary>Sets each count's figures beside one server's and the baselines of the same run, and judges the targets.</summary>
    /// <param name="measured">The engine sides, one per server count, in the order run.</param>
    /// <param name="rawCopy">Raw binary COPY into a fresh copy of signal_log, servers stopped.</param>
    /// <param name="naive">Naive per-signal state writes, servers stopped; null when not run.</param>
    public static ScalingFigures Of(IReadOnlyList<EngineSideFigures> measured, BaselineFigures rawCopy, NaiveFigures? naive)
    {
        var rawPerRow = rawCopy.Cpu?.MillisecondsPer1000(rawCopy.Cpu.DatabaseCores, rawCopy.Rows);
        var one = measured.FirstOrDefault(m => m.Servers == 1);
        var counts = measured.Select(side =>
        {
            var engine = side.Engine;
            // CPU ms per 1000 signals is CPU µs per signal: the same number.
            var postgres = engine.Cpu?.MillisecondsPer1000(engine.Cpu.DatabaseCores, engine.Accepted);
            return new ServerCountFigures(
                side.Servers,
                side.Registration,
                engine,
                side.Apply,
                side.StatsUnavailable,
                engine.ServerCpuMsPer1000,
                postgres,
                engine.ClientCpuMsPer1000,
                one is null ? null : Ratio(engine.SignalsPerSecond, one.Engine.SignalsPerSecond),
                one?.Apply is { } oneApplied && side.Apply is { } applied ? Ratio(applied.AppliedPerSecond, oneApplied.AppliedPerSecond) : null,
                Ratio(engine.SignalsPerSecond, rawCopy.RowsPerSecond) ?? 0,
                naive is null ? null : Ratio(engine.SignalsPerSecond, naive.WritesPerSecond),
                postgres is { } perSignal && rawPerRow is { } perRow ? Ratio(perSignal, perRow) : null,
                side.Loss,
                side.ServerStartFailures);
        }).ToArray();
        return new ScalingFigures(rawPerRow, counts, Judge(counts, rawPerRow));
    }

    private static List<TargetFigure> Judge(IReadOnlyList<ServerCountFigures> counts, double? rawPerRow)
    {
        var targets = new List<TargetFigure>();
        var budget = "<= " + Text(PostgresMicrosecondsPerSignalTarget);
        foreach (var count in counts)
        {
            var what = $"PostgreSQL CPU per durable signal, {ServerCountFigures.Label(count.Servers)}";
            targets.Add(count.PostgresMicrosecondsPerSignal is { } perSignal
                ? new TargetFigure(what, perSignal, "µs", budget, perSignal <= PostgresMicrosecondsPerSignalTarget,
                    $"{Cores(count.Engine.Cpu?.DatabaseCores)} PostgreSQL cores over {F(count.Engine.Cpu?.Seconds ?? 0)} s for {N(count.Engine.Accepted)} durable signals"
                    + (rawPerRow is { } perRow ? $"; raw COPY {F(perRow)} µs per row, {F(count.PostgresPerSignalToRawCopyPerRow ?? 0)}x that" : "; raw COPY per row not measured"))
                : NotMeasured(what, "µs", budget, "no /proc here to read PostgreSQL's CPU time"));
        }

        var two = counts.FirstOrDefault(c => c.Servers == 2);
        var one = counts.FirstOrDefault(c => c.Servers == 1);
        var rate = ">= " + Text(TwoServersRateTarget);
        if (two is null)
        {
            const string why = "2 is not among --servers";
            targets.Add(NotMeasured("2 servers: durable signals/s", "/s", rate, why));
            targets.Add(NotMeasured("2 servers: applied signals/s", "/s", rate, why));
            targets.Add(NotMeasured("2 servers ahead of 1 server", "x", "> 1", why));
            return targets;
        }

        targets.Add(new TargetFigure("2 servers: durable signals/s", two.Engine.SignalsPerSecond, "/s", rate, two.Engine.SignalsPerSecond >= TwoServersRateTarget,
            $"{N(two.Engine.Accepted)} in {F(two.Engine.Seconds)} s"));
        targets.Add(two.Apply is { } applied
            ? new TargetFigure("2 servers: applied signals/s", applied.AppliedPerSecond, "/s", rate, applied.AppliedPerSecond >= TwoServersRateTarget,
                $"appliedTotal summed over the servers grew {N(applied.Applied)} in {F(applied.Seconds)} s; apply lag at the end {N(applied.ApplyLagAtEnd)}")
            : NotMeasured("2 servers: applied signals/s", "/s", rate, two.StatsUnavailable ?? "the servers report no appliedTotal"));
        targets.Add(Ahead(two, one));
        return targets;
    }

    /// <summary>Two servers ahead of one: more durable signals/s, and more applied signals/s where both were measured.</summary>
    private static TargetFigure Ahead(ServerCountFigures two, ServerCountFigures? one)
    {
        const string what = "2 servers ahead of 1 server";
        if (one is null || two.DurableToOneServer is not { } durable)
        {
            return NotMeasured(what, "x", "> 1", "1 is not among --servers");
        }

        var detail = $"durable {N(two.Engine.SignalsPerSecond)} vs {N(one.Engine.SignalsPerSecond)} signals/s";
        if (two.AppliedToOneServer is not { } applied)
        {
            return new TargetFigure(what, durable, "x", "> 1", durable > 1, detail + "; applied not measured, judged on durable alone");
        }

        return new TargetFigure(what, durable, "x", "> 1 (durable and applied)", durable > 1 && applied > 1,
            $"{detail} ({F(durable)}x); applied {N(two.Apply!.AppliedPerSecond)} vs {N(one.Apply!.AppliedPerSecond)} signals/s ({F(applied)}x)");
    }

    private static TargetFigure NotMeasured(string what, string unit, string target, string why) => new(what, null, unit, target, null, "not measured: " + why);

    private static double? Ratio(double figure, double baseline) => baseline > 0 ? Math.Round(figure / baseline, 4) : null;

    private static string Text(double value) => value >= 1000 ? N(value) : value.ToString(CultureInfo.InvariantCulture);

    private static string Cores(double? cores) => (cores ?? 0).ToString("0.00", CultureInfo.InvariantCulture);

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.0##", CultureInfo.InvariantCulture);
}
