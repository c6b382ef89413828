using ScottPlot;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>
/// The report's charts as PNG files (ScottPlot on SkiaSharp): rates and latencies per second with the phases
/// marked, the latency percentiles, the servers' memory and live grains, and the engine beside its baselines.
/// A machine that cannot draw (no native Skia, no fonts) gets a report without charts and a line saying why.
/// </summary>
public static class ScenarioCharts
{
    private const int Width = 1000;
    private const int Height = 420;

    /// <summary>Draws what the report has data for; returns the files' names, relative to the report folder.</summary>
    public static IReadOnlyList<string> Draw(ScenarioReport report, string directory)
    {
        var drawn = new List<string>();
        try
        {
            Save(drawn, directory, "rates.png", Rates(report));
            Save(drawn, directory, "latency-per-second.png", LatencyPerSecond(report));
            Save(drawn, directory, "latency-percentiles.png", Percentiles(report));
            Save(drawn, directory, "server.png", Server(report));
            Save(drawn, directory, "baselines.png", Baselines(report));
            if (report.Soak is { Minutes.Count: > 0 } soak)
            {
                Save(drawn, directory, "soak-memory.png", SoakMemory(soak));
                Save(drawn, directory, "soak-latency.png", SoakLatency(soak));
            }
        }
        catch (Exception error) when (error is TypeInitializationException or DllNotFoundException or EntryPointNotFoundException)
        {
            Console.Error.WriteLine($"  charts skipped: this machine cannot draw with SkiaSharp ({error.GetBaseException().Message})");
        }

        return drawn;
    }

    private static void Save(List<string> drawn, string directory, string name, Plot? plot)
    {
        if (plot is null)
        {
            return;
        }

        plot.SavePng(Path.Combine(directory, name), Width, Height);
        drawn.Add(name);
    }

    private static Plot? Rates(ScenarioReport report)
    {
        if (report.Seconds.Count == 0)
        {
            return null;
        }

        var plot = new Plot();
        var seconds = report.Seconds.Select(s => (double)s.Second).ToArray();
        var offered = plot.Add.Scatter(seconds, report.Seconds.Select(s => (double)s.Offered).ToArray());
        offered.LegendText = "offered signals/s";
        offered.MarkerSize = 0;
        var accepted = plot.Add.Scatter(seconds, report.Seconds.Select(s => (double)s.Accepted).ToArray());
        accepted.LegendText = "durable signals/s (202 accepted)";
        accepted.MarkerSize = 0;
        MarkPhases(plot, report);
        plot.Title($"{report.Scenario}: offered vs achieved");
        plot.XLabel("seconds since traffic start");
        plot.YLabel("signals per second");
        plot.ShowLegend();
        return plot;
    }

    private static Plot? LatencyPerSecond(ScenarioReport report)
    {
        var ingest = report.Seconds.Where(s => s.IngestP99Ms is not null).ToArray();
        if (ingest.Length == 0)
        {
            return null;
        }

        var plot = new Plot();
        var ingestLine = plot.Add.Scatter(ingest.Select(s => (double)s.Second).ToArray(), ingest.Select(s => s.IngestP99Ms!.Value).ToArray());
        ingestLine.LegendText = "ingest p99 (intended send -> 202)";
        ingestLine.MarkerSize = 3;
        var wall = report.Seconds.Where(s => s.WallP99Ms is not null).ToArray();
        if (wall.Length > 0)
        {
            var wallLine = plot.Add.Scatter(wall.Select(s => (double)s.Second).ToArray(), wall.Select(s => s.WallP99Ms!.Value).ToArray());
            wallLine.LegendText = "signal -> wall p99 (frame receipt - maxIngestedAt)";
            wallLine.MarkerSize = 3;
        }

        MarkPhases(plot, report);
        plot.Title("99th percentile latency, second by second");
        plot.XLabel("seconds since traffic start");
        plot.YLabel("milliseconds");
        plot.ShowLegend();
        return plot;
    }

    private static Plot Percentiles(ScenarioReport report)
    {
        var plot = new Plot();
        string[] labels = ["p50", "p90", "p99", "p99.9", "max"];
        var positions = Enumerable.Range(0, labels.Length).Select(i => (double)i).ToArray();
        void Line(string name, LatencySummary summary)
        {
            if (summary.Count == 0)
            {
                return;
            }

            var line = plot.Add.Scatter(positions, new[] { summary.P50Ms, summary.P90Ms, summary.P99Ms, summary.P999Ms, summary.MaxMs });
            line.LegendText = name;
        }

        Line("ingest (intended send -> 202)", report.Traffic.IngestLatency);
        Line("signal -> wall (per frame)", report.Wall.SignalToWall);
        Line("batch -> wall (intended send -> frame)", report.Wall.BatchToWall);
        plot.Axes.Bottom.SetTicks(positions, labels);
        plot.Title("latency percentiles, all phases");
        plot.YLabel("milliseconds");
        plot.ShowLegend();
        return plot;
    }

    private static Plot? Server(ScenarioReport report)
    {
        var samples = report.Server.Samples;
        if (samples.Count == 0)
        {
            return null;
        }

        var plot = new Plot();
        var seconds = samples.Select(s => s.Seconds).ToArray();
        var workingSet = plot.Add.Scatter(seconds, samples.Select(s => s.WorkingSetBytes / (1024.0 * 1024 * 1024)).ToArray());
        workingSet.LegendText = "working set (GiB)";
        var heap = plot.Add.Scatter(seconds, samples.Select(s => s.ManagedHeapBytes / (1024.0 * 1024 * 1024)).ToArray());
        heap.LegendText = "managed heap (GiB)";
        var grains = plot.Add.Scatter(seconds, samples.Select(s => (double)s.Activations).ToArray());
        grains.LegendText = "active grains (right axis)";
        grains.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "active grains";
        plot.Title("servers: memory and active grains over the run");
        plot.XLabel("seconds since run start (registration included)");
        plot.YLabel("GiB");
        plot.ShowLegend();
        return plot;
    }

    private static Plot Baselines(ScenarioReport report)
    {
        var plot = new Plot();
        var best = report.Phases.MaxBy(p => p.DurablePerSecond)!;
        (string Label, double Value)[] bars =
        [
            ($"engine, durable ({best.Name})", best.DurablePerSecond),
            ("raw append", report.Baselines.RawAppend.RowsPerSecond),
            ("naive state write", report.Baselines.Naive.WritesPerSecond),
            ("bare grain calls", report.Baselines.GrainCalls.CallsPerSecond),
        ];

        // Log scale: the bars span orders of magnitude (naive writes to grain calls).
        var logs = bars.Select(b => Math.Log10(Math.Max(1, b.Value))).ToArray();
        var plotted = plot.Add.Bars(logs);
        for (var i = 0; i < bars.Length; i++)
        {
            plotted.Bars[i].Label = bars[i].Value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        }

        plotted.ValueLabelStyle.FontSize = 12;
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, bars.Length).Select(i => (double)i).ToArray(), bars.Select(b => b.Label).ToArray());
        var ticks = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Math.Pow(10, y).ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
        };
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Margins(bottom: 0);
        plot.Title("per second, same machine, same run (log scale)");
        return plot;
    }

    private static Plot SoakMemory(SoakFigures soak)
    {
        var plot = new Plot();
        var read = soak.Minutes.Where(m => m.WorkingSetBytes is not null).ToArray();
        var minutes = read.Select(m => (double)m.Minute).ToArray();
        void Series(string name, Func<SoakMinute, long?> bytes)
        {
            var line = plot.Add.Scatter(minutes, read.Select(m => (bytes(m) ?? 0) / (1024.0 * 1024)).ToArray());
            line.LegendText = name;
            line.MarkerSize = 2;
        }

        Series("working set (MiB)", m => m.WorkingSetBytes);
        Series("managed heap (MiB)", m => m.ManagedHeapBytes);
        Series("storage on disk (MiB)", m => m.StorageBytes);
        var grains = plot.Add.Scatter(minutes, read.Select(m => (double)(m.Activations ?? 0)).ToArray());
        grains.LegendText = "live grains (right axis)";
        grains.MarkerSize = 2;
        grains.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "live grains";
        MarkWarmup(plot, soak);
        plot.Title($"soak: memory, storage and grains per minute ({soak.Verdict.Split(':')[0]})");
        plot.XLabel("minutes since traffic start");
        plot.YLabel("MiB");
        plot.ShowLegend();
        return plot;
    }

    private static Plot SoakLatency(SoakFigures soak)
    {
        var plot = new Plot();
        var minutes = soak.Minutes.Select(m => (double)m.Minute).ToArray();
        void Series(string name, Func<SoakMinute, double> milliseconds)
        {
            var line = plot.Add.Scatter(minutes, soak.Minutes.Select(milliseconds).ToArray());
            line.LegendText = name;
            line.MarkerSize = 2;
        }

        Series("ingest p50 (ms)", m => m.IngestLatency.P50Ms);
        Series("ingest p99 (ms)", m => m.IngestLatency.P99Ms);
        Series("signal -> wall p99 (ms)", m => m.SignalToWall.P99Ms);
        var errors = plot.Add.Scatter(minutes, soak.Minutes.Select(m => (double)(m.Errors + m.RefusedRequests)).ToArray());
        errors.LegendText = "failed + refused requests (right axis)";
        errors.MarkerSize = 2;
        errors.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "requests per minute";
        MarkWarmup(plot, soak);
        plot.Title("soak: latency and failures per minute");
        plot.XLabel("minutes since traffic start");
        plot.YLabel("milliseconds");
        plot.ShowLegend();
        return plot;
    }

    private static void MarkWarmup(Plot plot, SoakFigures soak)
    {
        var line = plot.Add.VerticalLine(soak.WarmupMinutes);
        line.LineStyle.Pattern = LinePattern.Dashed;
        line.LineStyle.Color = Colors.Gray;
        line.Text = "warm-up ends";
    }

    private static void MarkPhases(Plot plot, ScenarioReport report)
    {
        foreach (var phase in report.Phases)
        {
            var line = plot.Add.VerticalLine(phase.StartSecond);
            line.LineStyle.Pattern = LinePattern.Dashed;
            line.LineStyle.Color = Colors.Gray;
            line.Text = phase.Name;
        }
    }
}
