using System.Diagnostics;
using System.Text;

namespace RiskEngine.LoadTests.Hosting;

/// <summary>
/// Creates the PostgreSQL schema the way an operator does: runs the server build with <c>db migrate</c> and the
/// cluster's storage configuration, and waits for it to exit. Idempotent on the server's side.
/// </summary>
public static class DatabaseMigration
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <exception cref="InvalidOperationException">The migration exited with an error or did not finish in time; the message carries its output.</exception>
    public static async Task RunAsync(string serverDll, IReadOnlyDictionary<string, string> storage, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(DotnetHost.Find())
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(serverDll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(serverDll);
        start.ArgumentList.Add("db");
        start.ArgumentList.Add("migrate");
        foreach (var (key, value) in storage)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var output = new StringBuilder();
        var outputLock = new Lock();
        void Keep(string? line)
        {
            if (line is not null)
            {
                lock (outputLock)
                {
                    output.AppendLine(line);
                }
            }
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new InvalidOperationException($"db migrate did not finish within {Timeout.TotalMinutes:0} minutes. Its output:{Environment.NewLine}{output}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"db migrate failed with exit code {process.ExitCode}. Its output:{Environment.NewLine}{output}");
        }
    }
}
