using RiskEngine.LoadTests.CommandLine;
using RiskEngine.LoadTests.Hosting;

namespace RiskEngine.LoadTests.Tests;

/// <summary>compare's options: the defaults of issue 13's run, overrides, and the command lines it refuses.</summary>
public sealed class CompareCommandLineTests
{
    [Fact]
    public void The_defaults_are_sixteen_clients_of_five_hundred_for_twenty_seconds_at_three_times_overload()
    {
        var settings = CompareCommandLine.Parse([], Layout());
        Assert.Equal((16, 500, 200_000, 20, 3.0), (settings.Clients, settings.Batch, settings.Entities, settings.Seconds, settings.OverloadFactor));
        Assert.Equal(Layout().DefaultPeersDirectory, settings.PeersDirectory);
        Assert.Equal(Path.GetFullPath(Path.Combine(Layout().Root, "..", "shared", "peers")), settings.PeersDirectory);
        Assert.Equal(Layout().DefaultServerDll, settings.ServerDll);
        Assert.Empty(settings.ServerSettings);
    }

    [Fact]
    public void Options_override_the_defaults()
    {
        var settings = CompareCommandLine.Parse(
            ["--seconds", "10", "--entities=50000", "--clients", "8", "--batch", "250", "--overload-factor", "2.5", "--peers", "/tmp/peers", "--set", "Engine:SnapshotFlushInterval=00:00:30"],
            Layout());
        Assert.Equal((10, 50_000, 8, 250, 2.5), (settings.Seconds, settings.Entities, settings.Clients, settings.Batch, settings.OverloadFactor));
        Assert.Equal("/tmp/peers", settings.PeersDirectory);
        Assert.Equal("00:00:30", settings.ServerSettings["Engine:SnapshotFlushInterval"]);
    }

    [Fact]
    public void An_overload_factor_of_zero_leaves_the_overload_out() =>
        Assert.Equal(0, CompareCommandLine.Parse(["--overload-factor", "0"], Layout()).OverloadFactor);

    [Theory]
    [InlineData("--overload-factor", "lots", "--overload-factor: 'lots' is not a number")]
    [InlineData("--overload-factor", "-1", "--overload-factor: -1 is out of range")]
    [InlineData("--overload-factor", "Infinity", "--overload-factor: 'Infinity' is not a number")]
    [InlineData("--clients", "0", "--clients: 0 is out of range")]
    [InlineData("--storage", "postgres", "Unknown option '--storage'")]
    [InlineData("--set", "Engine:ApplySignals=false", "compare sets it itself")]
    [InlineData("--peers", "", "--peers needs a non-empty path")]
    public void A_bad_option_is_refused_with_the_reason(string option, string value, string reason)
    {
        var error = Assert.Throws<UsageException>(() => CompareCommandLine.Parse([option, value], Layout()));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_every_option_and_exits_0()
    {
        var run = await LoadToolProcess.RunAsync(BuildOutputs.Root, TimeSpan.FromMinutes(2), "compare", "--help");
        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--seconds", "--warmup", "--batch", "--clients", "--entities", "--verify", "--max-outstanding", "--overload-factor", "--peers", "--server-dll", "--out", "--set" })
        {
            Assert.Contains(option, run.Output, StringComparison.Ordinal);
        }
    }

    private static RepositoryLayout Layout() => RepositoryLayout.Find() ?? throw new InvalidOperationException("no repository");
}
