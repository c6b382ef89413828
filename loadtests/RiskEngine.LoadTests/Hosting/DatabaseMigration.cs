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

        var environment = storage.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        var exitCode = await DotnetChildProcess.RunAsync(
            Path.GetDirectoryName(Path.GetFullPath(serverDll))!, [serverDll, "db", "migrate"], environment, Keep, Timeout, cancellationToken);
        if (exitCode is null)
        {
            throw new InvalidOperationException($"db migrate did not finish within {Timeout.TotalMinutes:0} minutes. Its output:{Environment.NewLine}{output}");
        }

        if (exitCode != 0)
        {
            throw new InvalidOperationException($"db migrate failed with exit code {exitCode}. Its output:{Environment.NewLine}{output}");
        }
    }
}
