using System.Diagnostics;

namespace RiskEngine.Server.Tests.Faults;

/// <summary>Runs a program of the machine (mount, pg_ctl, ...) to its end, for the fault tests' setup.</summary>
public static class ExternalCommand
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }

    /// <summary>Runs it and fails the test, with what it printed, when it does not exit 0.</summary>
    public static async Task RunOrFailAsync(string program, params string[] arguments)
    {
        var (exit, output) = await RunAsync(program, arguments);
        Assert.True(exit == 0, $"{program} {string.Join(' ', arguments)} exited {exit}: {output}");
    }
}
