using RiskEngine.LoadTests.Scenarios;

namespace RiskEngine.LoadTests.Tests;

/// <summary>Every command of the load tool answers --help (and -h) with its own usage and exit code 0.</summary>
public sealed class HelpTests
{
    public static TheoryData<string> Commands() => new(["ingest", "compare", .. ScenarioCatalog.All.Select(s => s.Name)]);

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Every_command_has_help(string command)
    {
        var run = await LoadToolProcess.RunAsync(BuildOutputs.Root, TimeSpan.FromMinutes(2), command, command == "smoke" ? "-h" : "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"-- {command} [options]", run.Output, StringComparison.Ordinal);
        Assert.Contains("--set", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tool_lists_its_commands_on_help()
    {
        var run = await LoadToolProcess.RunAsync(BuildOutputs.Root, TimeSpan.FromMinutes(2), "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.All(ScenarioCatalog.All, s => Assert.Contains($"  {s.Name,-9} {s.Purpose}", run.Output, StringComparison.Ordinal));
    }
}
