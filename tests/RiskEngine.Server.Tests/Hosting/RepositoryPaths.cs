namespace RiskEngine.Server.Tests.Hosting;

/// <summary>Where things are in the repository the tests were built from.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding RiskEngine.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public static string ServerProject => Path.Combine(Root, "src", "RiskEngine.Server");

    /// <summary>The committed OpenAPI document.</summary>
    public static string OpenApiDocument => Path.Combine(ServerProject, "openapi-v1.json");

    /// <summary>The seeds the build copies beside the binaries, or the repository's own when they are missing.</summary>
    public static string Seeds
    {
        get
        {
            var beside = Path.Combine(AppContext.BaseDirectory, "seeds");
            return File.Exists(Path.Combine(beside, "districts.json")) ? beside : Path.Combine(Root, "seeds");
        }
    }

    /// <summary>The server assembly, copied into the test output by the project reference.</summary>
    public static string ServerAssembly => Path.Combine(AppContext.BaseDirectory, "RiskEngine.Server.dll");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RiskEngine.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No RiskEngine.sln above {AppContext.BaseDirectory}.");
    }
}
