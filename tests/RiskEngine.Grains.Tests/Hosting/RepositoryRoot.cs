namespace RiskEngine.Grains.Tests.Hosting;

/// <summary>The checkout the tests run from: the folder holding RiskEngine.sln, found by walking up from the test binaries.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Found = new(Find);

    public static string Path => Found.Value;

    public static string Seeds => System.IO.Path.Combine(Path, "seeds");

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "RiskEngine.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No RiskEngine.sln above {AppContext.BaseDirectory}.");
    }
}
