using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.Settings;

/// <summary>The built server, started as an operator would with a bad value, stops at once and says what is wrong.</summary>
public sealed class InvalidOptionsStartTests
{
    [Fact]
    public async Task A_bad_value_on_the_command_line_stops_the_server_with_one_clear_line_and_exit_code_1()
    {
        using var data = new TemporaryDirectory();

        var (exitCode, output) = await EngineProcess.RunUntilExitAsync(data.Path, "--Engine:SnapshotFlushInterval=-00:00:01");

        Assert.Equal(1, exitCode);
        Assert.Equal(
            "Configuration error: Engine:SnapshotFlushInterval must be between 00:00:00.001 and 1.00:00:00 (was -00:00:01)",
            output.Trim());
    }
}
