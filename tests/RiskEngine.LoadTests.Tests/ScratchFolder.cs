namespace RiskEngine.LoadTests.Tests;

/// <summary>A temporary folder for one test's report, removed afterwards.</summary>
public sealed class ScratchFolder(string prefix) : IDisposable
{
    public DirectoryInfo Directory { get; } = System.IO.Directory.CreateTempSubdirectory(prefix);

    public string FullName => Directory.FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A report file still open by a slow indexer: the temp folder is the OS's to clean.
        }
    }
}
