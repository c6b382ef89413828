namespace RiskEngine.LoadTests.Hosting;

/// <summary>
/// Makes sure the server build to start exists: when the default Release output is missing (a fresh clone), builds
/// it with <c>dotnet build -c Release src/RiskEngine.Server</c>, showing the build's progress; a server path given
/// on the command line is never built, only checked.
/// </summary>
public static class ServerBuild
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    /// <exception cref="CommandLine.UsageException">The given server dll does not exist, or the build failed.</exception>
    public static async Task EnsureAsync(string serverDll, RepositoryLayout? repository, CancellationToken cancellationToken)
    {
        if (File.Exists(serverDll))
        {
            return;
        }

        if (repository is null || !string.Equals(Path.GetFullPath(serverDll), repository.DefaultServerDll, StringComparison.Ordinal))
        {
            throw new CommandLine.UsageException($"The server build {serverDll} is missing; build it, or leave out --server-dll to have the default built.");
        }

        var project = Path.Combine(repository.Root, "src", "RiskEngine.Server", "RiskEngine.Server.csproj");
        Console.WriteLine($"The server's Release build is missing; building it: dotnet build -c Release {Path.GetRelativePath(repository.Root, project)}");
        var exitCode = await DotnetChildProcess.RunAsync(
            repository.Root, ["build", "-c", "Release", project, "-nologo", "-v", "minimal"], null, Show, Timeout, cancellationToken);
        if (exitCode is null)
        {
            throw new CommandLine.UsageException($"Building the server took longer than {Timeout.TotalMinutes:0} minutes; build it by hand.");
        }

        if (exitCode != 0 || !File.Exists(serverDll))
        {
            throw new CommandLine.UsageException($"Building the server failed (exit code {exitCode}); see the output above, or build it by hand: dotnet build -c Release src/RiskEngine.Server");
        }
    }

    private static void Show(string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            Console.WriteLine("  build  " + line.Trim());
        }
    }
}
