namespace RiskEngine.Server.Tests.Faults;

/// <summary>
/// A real file system of a few megabytes (tmpfs) that a test can fill to the last byte and free again: what a server
/// meets when the disk under its data fills. Mounting needs root, as CI and the development box run; elsewhere the
/// test fails and says so, it is never skipped.
/// </summary>
public sealed class SmallDisk : IAsyncDisposable
{
    private readonly string _filler;

    private SmallDisk(string path)
    {
        Path = path;
        _filler = System.IO.Path.Combine(path, "filler.bin");
    }

    public string Path { get; }

    public static async Task<SmallDisk> MountAsync(int megabytes)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "riskengine-small-disk", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(path);
        var (exit, output) = await ExternalCommand.RunAsync("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path);
        Assert.True(exit == 0, $"mounting a {megabytes} MB tmpfs at {path} failed (the disk-full test needs root): {output}");
        return new SmallDisk(path);
    }

    /// <summary>Writes a file until the file system refuses another byte.</summary>
    public void Fill()
    {
        var block = new byte[64 * 1024];
        using var file = new FileStream(_filler, FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 0);
        try
        {
            while (true)
            {
                file.Write(block);
            }
        }
        catch (IOException)
        {
            // Full. Whatever fits in smaller pieces goes too, so not even a page is left for the server.
        }

        var small = new byte[512];
        try
        {
            while (true)
            {
                file.Write(small);
            }
        }
        catch (IOException)
        {
        }
    }

    public void Free() => File.Delete(_filler);

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await ExternalCommand.RunAsync("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
