namespace RiskEngine.LoadTests.Hosting;

/// <summary>One server's log in a run's scratch folder, and the header it is kept under when several go into one file.</summary>
/// <param name="Header">Which server it was, e.g. "server 2 of 3" or "3 servers: server 2 of 3".</param>
/// <param name="Path">Where the server wrote it.</param>
public sealed record ServerLogFile(string Header, string Path)
{
    /// <summary>The logs of one set of servers, headed "server n of N".</summary>
    public static IReadOnlyList<ServerLogFile> Numbered(IReadOnlyList<string> paths) =>
        paths.Select((path, index) => new ServerLogFile($"server {index + 1} of {paths.Count}", path)).ToArray();
}
