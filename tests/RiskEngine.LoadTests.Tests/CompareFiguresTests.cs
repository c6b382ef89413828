using RiskEngine.LoadTests.Reporting;
using RiskEngine.LoadTests.Stats;

namespace RiskEngine.LoadTests.Tests;

/// <summary>Applied signals per second, the apply lag and memory per resident subject, from the server's stats readings.</summary>
public sealed class CompareFiguresTests
{
    [Fact]
    public void Applied_per_second_is_the_growth_of_applied_total_between_the_span_s_readings()
    {
        var start = Reading(10, applied: 100_000, lag: 2_000);
        var between = new[] { Reading(5, applied: 0, lag: 9_999), Reading(12, applied: 140_000, lag: 7_500), Reading(14, applied: 180_000, lag: 3_000) };
        var end = Reading(20, applied: 300_000, lag: 1_000);

        var apply = ApplyFigures.Between(start, end, between, durablePerSecond: 25_000)!;

        Assert.Equal(200_000, apply.Applied);
        Assert.Equal(10, apply.Seconds);
        Assert.Equal(20_000, apply.AppliedPerSecond);
        Assert.Equal(0.8, apply.AppliedToDurable);
        Assert.Equal((2_000L, 1_000L), (apply.ApplyLagAtStart, apply.ApplyLagAtEnd));
        Assert.Equal(7_500, apply.MaxApplyLag);
        Assert.Null(apply.DrainSeconds);
    }

    [Fact]
    public void A_server_that_does_not_report_applied_signals_gives_no_figure() =>
        Assert.Null(ApplyFigures.Between(Reading(1, null, null), Reading(2, null, null), [], 1000));

    [Fact]
    public void Memory_per_resident_subject_divides_by_the_resident_snapshots()
    {
        var registered = Reading(1, 0, 0) with { WorkingSetBytes = 300_000_000, ResidentSnapshots = 0, ResidentSnapshotBytes = 0 };
        var loaded = Reading(30, 0, 0) with { WorkingSetBytes = 500_000_000, ResidentSnapshots = 100_000, ResidentSnapshotBytes = 40_000_000, UnwrittenSnapshots = 3 };

        var memory = ResidentMemoryFigures.Of(registered, loaded)!;

        Assert.Equal(400, memory.SnapshotBytesPerSubject);
        Assert.Equal(5_000, memory.WorkingSetBytesPerSubject);
        Assert.Equal(2_000, memory.WorkingSetGrowthPerSubject);
        Assert.Equal(3, memory.UnwrittenSnapshots);
    }

    [Fact]
    public void Without_resident_snapshots_there_is_no_memory_per_subject() =>
        Assert.Null(ResidentMemoryFigures.Of(null, Reading(1, 0, 0)));

    private static StatsSample Reading(double seconds, long? applied, long? lag) =>
        new(seconds, "measuring", 1, 400_000_000, 200_000_000, 10, new Dictionary<string, long>(), ApplyLag: lag, AppliedTotal: applied);
}
