using System.Reflection;

namespace RiskEngine.LoadTests.Tests;

/// <summary>The repository these tests were built from, and the load-test tool's and the server's builds in the same configuration.</summary>
public static class BuildOutputs
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: whatever these tests were built as (the project references build the others the same way).</summary>
    public static string Configuration { get; } =
        typeof(BuildOutputs).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    public static string LoadTool => Path.Combine(Root, "loadtests", "RiskEngine.LoadTests", "bin", Configuration, "net10.0", "RiskEngine.LoadTests.dll");

    public static string Server => Path.Combine(Root, "src", "RiskEngine.Server", "bin", Configuration, "net10.0", "RiskEngine.Server.dll");

    public static string Seeds => Path.Combine(Root, "seeds");

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
