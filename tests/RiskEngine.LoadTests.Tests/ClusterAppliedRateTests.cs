using RiskEngine.LoadTests.Api;
using RiskEngine.LoadTests.Reporting;
using RiskEngine.LoadTests.Stats;

namespace RiskEngine.LoadTests.Tests;

/// <summary>A cluster's applied signals per second: the growth of appliedTotal summed over its servers between two readings.</summary>
public sealed class ClusterAppliedRateTests
{
    [Fact]
    public void Applied_per_second_is_the_growth_of_the_sum_over_the_servers()
    {
        var start = StatsSample.Sum(10, "measuring", [Server(applied: 40_000, lag: 1_500), Server(applied: 25_000, lag: 500)]);
        var end = StatsSample.Sum(20, "measured", [Server(applied: 100_000, lag: 300), Server(applied: 85_000, lag: 200)]);

        var apply = ApplyFigures.Between(start, end, [], durablePerSecond: 10_000)!;

        // (100,000 + 85,000) - (40,000 + 25,000) = 120,000 in 10 s.
        Assert.Equal(120_000, apply.Applied);
        Assert.Equal(12_000, apply.AppliedPerSecond);
        Assert.Equal(1.2, apply.AppliedToDurable);
        Assert.Equal((2_000L, 500L), (apply.ApplyLagAtStart, apply.ApplyLagAtEnd));
    }

    [Fact]
    public void The_sum_adds_every_server_s_figures()
    {
        var sum = StatsSample.Sum(5, "measuring", [Server(applied: 7, lag: 1) with { WorkingSetBytes = 300 }, Server(applied: 11, lag: 2) with { WorkingSetBytes = 200 }]);

        Assert.Equal((2, 18L, 3L, 500L), (sum.Servers, sum.AppliedTotal, sum.ApplyLag, sum.WorkingSetBytes));
    }

    [Fact]
    public void A_server_that_does_not_report_applied_signals_leaves_the_sum_unknown()
    {
        var sum = StatsSample.Sum(5, "measuring", [Server(applied: 7, lag: 1), Server(applied: null, lag: null)]);

        Assert.Null(sum.AppliedTotal);
        Assert.Null(ApplyFigures.Between(sum, sum with { Seconds = 6 }, [], 1000));
    }

    [Fact]
    public void Readings_summed_over_different_numbers_of_servers_give_no_figure()
    {
        // The second server missed the first reading: the sum would leap by its whole count.
        var start = StatsSample.Sum(10, "measuring", [Server(applied: 40_000, lag: 0)]);
        var end = StatsSample.Sum(20, "measured", [Server(applied: 50_000, lag: 0), Server(applied: 45_000, lag: 0)]);

        Assert.Null(ApplyFigures.Between(start, end, [], 10_000));
    }

    private static SystemStats Server(long? applied, long? lag) =>
        new(400_000_000, 200_000_000, new ActivationCounts(10, null), 60, ApplyLag: lag, AppliedTotal: applied);
}
