namespace RiskEngine.LoadTests.Hosting;

/// <summary>
/// Starts a server for a benchmark, trying again with a fresh data folder when it dies while starting (up to
/// <see cref="Attempts"/> times): the benchmark measures the engine, and the report keeps each failed start.
/// </summary>
public static class ServerStarter
{
    public const int Attempts = 3;

    public static async Task<ServerProcess> StartAsync(ServerLaunch launch, List<string> failures, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ServerProcess.StartAsync(launch, cancellationToken);
            }
            catch (ServerStartException error) when (attempt < Attempts)
            {
                failures.Add(error.FirstError ?? error.Message.Split(Environment.NewLine)[0]);
                Console.Error.WriteLine($"          the server failed to start (attempt {attempt} of {Attempts}): {error.FirstError ?? error.Message}");
                Console.Error.WriteLine("          starting it again with a fresh data folder");
                if (Directory.Exists(launch.DataDirectory))
                {
                    Directory.Delete(launch.DataDirectory, recursive: true);
                }
            }
        }
    }
}
