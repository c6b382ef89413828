using System.Diagnostics;
using System.Globalization;

namespace RiskEngine.LoadTests.Hosting;

/// <summary>
/// Runs a program with arguments to completion, handing every output line (stdout and stderr) to a callback. A run
/// that outlives its time limit, or is cancelled, is asked to stop first (SIGTERM), so a script's own clean-up runs
/// (a yardstick stops the PostgreSQL it started, which lives outside its process tree); whatever of its process tree
/// is still there after a grace period is killed.
/// </summary>
public static class ChildProcess
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    /// <summary>The exit code, or null when the run was stopped at <paramref name="timeout"/>.</summary>
    /// <param name="onStarted">Told the child's pid once it runs (e.g. to meter its CPU).</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the child is stopped).</exception>
    public static async Task<int?> RunAsync(
        string fileName,
        string workingDirectory,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment,
        Action<string?> onLine,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        Action<int>? onStarted = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => onLine(line.Data);
        process.ErrorDataReceived += (_, line) => onLine(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        onStarted?.Invoke(process.Id);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await StopAsync(process);
            cancellationToken.ThrowIfCancellationRequested();
            return null;
        }
    }

    private static async Task StopAsync(Process process)
    {
        var tree = ProcessTree.Of(process.Id);
        try
        {
            using var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
            if (term is not null)
            {
                await term.WaitForExitAsync();
            }

            using var grace = new CancellationTokenSource(StopGrace);
            await process.WaitForExitAsync(grace.Token);
        }
        catch (Exception error) when (error is OperationCanceledException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            // It did not stop in time (or there is no kill command): it is killed below.
        }

        // Children the script left behind outlive it, re-parented: kill them by the pids seen while it ran.
        foreach (var pid in tree.Concat(ProcessTree.Of(process.Id)).Distinct())
        {
            try
            {
                using var left = Process.GetProcessById(pid);
                left.Kill(entireProcessTree: true);
            }
            catch (Exception error) when (error is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
    }
}
