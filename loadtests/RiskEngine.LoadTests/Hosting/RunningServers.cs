using RiskEngine.LoadTests.Api;

namespace RiskEngine.LoadTests.Hosting;

/// <summary>Ends a run's server processes and their API clients, the same way for every command.</summary>
public static class RunningServers
{
    /// <summary>SIGKILL, so what the log holds afterwards is what survives a crash.</summary>
    public static void KillAll(IEnumerable<ServerProcess> servers)
    {
        foreach (var server in servers)
        {
            server.Kill();
        }
    }

    public static void Release(IEnumerable<EngineApi> apis, IEnumerable<ServerProcess> servers)
    {
        foreach (var api in apis)
        {
            api.Dispose();
        }

        foreach (var server in servers)
        {
            server.Dispose();
        }
    }
}
