using RiskEngine.LoadTests.Comparison;

namespace RiskEngine.LoadTests.Tests;

/// <summary>The yardsticks' figures are read from their result lines, exactly as they print them, and from nothing else.</summary>
public sealed class YardstickOutputTests
{
    [Theory]
    [InlineData("intake-only peer: 50519 signals/s durable (16 senders x 500)", "intake-only", 50519)]
    [InlineData("pg-only peer: writers=4 batch=1000 subjects=1000000: 70096 signals/s durable+aggregated", "pg-only", 70096)]
    [InlineData("  pg-only peer: writers=4 batch=1000 subjects=1000000: 52814.5 signals/s durable+aggregated", "pg-only", 52814.5)]
    public void The_result_line_gives_the_signals_per_second(string line, string yardstick, double expected) =>
        Assert.Equal(expected, YardstickOutput.SignalsPerSecond(line, yardstick));

    [Theory]
    [InlineData("peer build failed", "intake-only")]
    [InlineData("install PostgreSQL first: apt-get install -y postgresql", "pg-only")]
    [InlineData("postgres did not start", "pg-only")]
    [InlineData("  Determining projects to restore... 4 signals/s", "pg-only")]
    [InlineData("intake-only peer: NaN signals/s durable (16 senders x 500)", "intake-only")]
    public void Other_lines_give_no_figure(string line, string yardstick) =>
        Assert.Null(YardstickOutput.SignalsPerSecond(line, yardstick));

    [Fact]
    public void Another_yardstick_s_line_is_not_this_one_s_figure() =>
        Assert.Null(YardstickOutput.SignalsPerSecond("intake-only peer: 50519 signals/s durable (16 senders x 500)", "pg-only"));

    [Fact]
    public void The_two_yardsticks_are_run_with_the_measured_seconds_in_their_own_argument_order()
    {
        Assert.Equal(["20", "16", "500"], Yardstick.IntakeOnly.Arguments(20));
        Assert.Equal(["4", "1000", "20"], Yardstick.PgOnly.Arguments(20));
        Assert.Equal(["intake-only", "pg-only"], Yardstick.All.Select(y => y.Name));
    }
}
