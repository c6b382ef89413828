using Microsoft.Data.Sqlite;

namespace RiskEngine.Grains.Tests.Hosting;

/// <summary>A fresh folder for one test cluster's SQLite files, removed afterwards.</summary>
public sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "riskengine-grain-tests", Guid.NewGuid().ToString("n"));

    public void Dispose()
    {
        // Pooled connections keep the files open; only idle ones are closed, so other clusters are not disturbed.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
