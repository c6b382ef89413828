namespace RiskEngine.LoadTests.Hosting;

/// <summary>
/// Runs <c>dotnet</c> with arguments to completion, handing every output line (stdout and stderr) to a callback;
/// a run that outlives its time limit is stopped with its children (see <see cref="ChildProcess"/>).
/// </summary>
public static class DotnetChildProcess
{
    /// <summary>The exit code, or null when the run was stopped at <paramref name="timeout"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the process is stopped).</exception>
    public static Task<int?> RunAsync(
        string workingDirectory,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment,
        Action<string?> onLine,
        TimeSpan timeout,
        CancellationToken cancellationToken) =>
        ChildProcess.RunAsync(DotnetHost.Find(), workingDirectory, arguments, environment, onLine, timeout, cancellationToken);
}
