namespace RiskEngine.LoadTests.Hosting;

/// <summary>What every run leaves behind, put away the same way whether it succeeded, failed or timed out.</summary>
public static class RunCleanup
{
    /// <summary>Keeps the servers' logs beside the report, deletes the scratch folder, drops the scratch schemas (nulls skipped).</summary>
    public static Task ReleaseAsync(IReadOnlyList<string> serverLogs, string keptLog, DirectoryInfo scratch, params IAsyncDisposable?[] schemas) =>
        ReleaseAsync(ServerLogFile.Numbered(serverLogs), keptLog, scratch, schemas);

    /// <summary>Keeps the servers' logs beside the report under their headers, deletes the scratch folder, drops the scratch schemas (nulls skipped).</summary>
    public static async Task ReleaseAsync(IReadOnlyList<ServerLogFile> serverLogs, string keptLog, DirectoryInfo scratch, params IAsyncDisposable?[] schemas)
    {
        ServerLogs.Keep(serverLogs, keptLog);
        await ScratchFolder.DeleteAsync(scratch);
        foreach (var schema in schemas)
        {
            if (schema is not null)
            {
                await schema.DisposeAsync();
            }
        }
    }
}
