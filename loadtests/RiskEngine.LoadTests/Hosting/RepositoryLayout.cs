namespace RiskEngine.LoadTests.Hosting;

/// <summary>Where things are in the repository: found by walking up to the folder holding RiskEngine.sln.</summary>
public sealed class RepositoryLayout
{
    public const string SolutionFile = "RiskEngine.sln";

    private RepositoryLayout(string root) => Root = root;

    public string Root { get; }

    /// <summary>The Release build of the server that <c>dotnet build -c Release src/RiskEngine.Server</c> makes.</summary>
    public string DefaultServerDll => Path.Combine(Root, "src", "RiskEngine.Server", "bin", "Release", "net10.0", "RiskEngine.Server.dll");

    /// <summary>loadtests/results, which git ignores.</summary>
    public string DefaultResultsDirectory => Path.Combine(Root, "loadtests", "results");

    public string SeedsDirectory => Path.Combine(Root, "seeds");

    /// <summary>
    /// The yardsticks (<c>../shared/peers</c> beside the repository's folder): other designs of the same job, run beside
    /// the engine by <c>compare</c> and never copied into the repository.
    /// </summary>
    public string DefaultPeersDirectory => Path.GetFullPath(Path.Combine(Root, "..", "shared", "peers"));

    /// <summary>
    /// Walks up from the working directory, then from this program's own folder (it is built inside the
    /// repository), to the first folder holding <see cref="SolutionFile"/>; null when neither leads to one.
    /// </summary>
    public static RepositoryLayout? Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
                {
                    return new RepositoryLayout(folder.FullName);
                }
            }
        }

        return null;
    }
}
