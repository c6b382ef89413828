using HdrHistogram;
using RiskEngine.LoadTests.Reporting;
using RiskEngine.LoadTests.Stats;
using RiskEngine.LoadTests.Traffic;

namespace RiskEngine.LoadTests.Tests;

/// <summary>
/// The soak's judgement on series whose shape is known: a steady run is flat, and each way a server can degrade over
/// hours (memory kept, latency creeping, errors appearing, storage growing faster than the signals) is named.
/// </summary>
public sealed class SoakAnalysisTests
{
    private const double TrafficStart = 100;
    private const int Minutes = 60;
    private const long Mebibyte = 1L << 20;

    [Fact]
    public void A_steady_run_is_flat_after_its_warm_up()
    {
        // The warm-up may do anything (grains activating, caches filling): it is left out.
        var soak = Analyse(Steady() with { WorkingSet = m => m < 6 ? (100 + 50 * m) * Mebibyte : 400 * Mebibyte });

        Assert.True(soak.Flat, soak.Verdict);
        Assert.Equal(6, soak.WarmupMinutes);
        Assert.Equal(18, soak.WindowMinutes);
        Assert.Equal(Minutes, soak.Minutes.Count);
        Assert.All(soak.Findings, f => Assert.True(f.Holds, f.What));
        Assert.Contains(soak.Findings, f => f.What.StartsWith("storage growth", StringComparison.Ordinal));
        var workingSet = Assert.Single(soak.Findings, f => f.What.StartsWith("working set", StringComparison.Ordinal));
        Assert.Equal(400, workingSet.Early, 3);
        Assert.Equal(0, workingSet.PerHour!.Value, 3);
    }

    [Fact]
    public void A_heap_that_keeps_growing_is_named_with_its_trend()
    {
        var soak = Analyse(Steady() with { Heap = m => (200 + 4 * m) * Mebibyte });

        Assert.False(soak.Flat);
        var heap = Assert.Single(soak.Findings, f => !f.Holds);
        Assert.StartsWith("managed heap", heap.What, StringComparison.Ordinal);
        Assert.Equal(240, heap.PerHour!.Value, 3);
        Assert.Contains("managed heap", soak.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Creeping_latency_and_late_errors_are_each_named()
    {
        var soak = Analyse(Steady() with { IngestP99Ms = m => 20 + m, Errors = m => m > 50 ? 3 : 0 });

        Assert.False(soak.Flat);
        Assert.Equal(["ingest p99 (ms)", "failed requests per window"], soak.Findings.Where(f => !f.Holds).Select(f => f.What));
    }

    [Fact]
    public void Storage_may_grow_with_the_signals_but_not_faster()
    {
        // 1 KB per signal, then a leak of 2 GB an hour on top of it, in the last third of the run.
        var leaking = Analyse(Steady() with { Storage = m => (m * 60 * 1000 * 1024L) + (m > 40 ? (m - 40) * 34 * Mebibyte : 0) });

        var storage = Assert.Single(leaking.Findings, f => !f.Holds);
        Assert.StartsWith("storage growth", storage.What, StringComparison.Ordinal);
        Assert.Equal(1024, storage.Early, 0);
    }

    [Fact]
    public void A_soak_too_short_to_compare_gives_no_verdict()
    {
        var soak = Analyse(Steady(minutes: 2));

        Assert.Null(soak.Flat);
        Assert.Empty(soak.Findings);
        Assert.StartsWith("too short to judge", soak.Verdict, StringComparison.Ordinal);
    }

    /// <summary>A server at 1,000 signals/s with everything constant, and a reading at the end of every minute.</summary>
    private static Shape Steady(int minutes = Minutes) => new(
        minutes,
        WorkingSet: _ => 400 * Mebibyte,
        Heap: _ => 200 * Mebibyte,
        IngestP99Ms: _ => 20,
        Errors: _ => 0,
        Storage: m => m * 60 * 1000 * 1024L);

    private static SoakFigures Analyse(Shape shape)
    {
        var traffic = new List<MinuteFigures>();
        var samples = new List<StatsSample>();
        for (var minute = 0; minute < shape.Minutes; minute++)
        {
            var ingest = new LongHistogram(1, 600_000_000, 2);
            ingest.RecordValueWithCount((long)(shape.IngestP99Ms(minute) * 1000), 100);
            traffic.Add(new MinuteFigures(minute, 60_000, 60_000, 0, shape.Errors(minute), LatencySummary.From(ingest), LatencySummary.Empty));
            samples.Add(new StatsSample(TrafficStart + (minute * 60) + 55, "steady", 1, shape.WorkingSet(minute), shape.Heap(minute), 10_000,
                new Dictionary<string, long>(), ApplyLag: 0, StorageBytes: new Dictionary<string, long> { ["signals.db"] = shape.Storage(minute) }));
        }

        return SoakAnalysis.Of(traffic, samples, TrafficStart);
    }

    private sealed record Shape(int Minutes, Func<int, long> WorkingSet, Func<int, long> Heap, Func<int, double> IngestP99Ms, Func<int, long> Errors, Func<int, long> Storage);
}
