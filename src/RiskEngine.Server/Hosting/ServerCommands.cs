namespace RiskEngine.Server.Hosting;

/// <summary>
/// The server's one-shot commands (as opposed to running the engine):
/// <c>db migrate</c> creates or upgrades the schema and exits; <c>users add</c> creates a person's account; <c>health --url U</c> probes a running server
/// (container images carry no curl).
/// </summary>
public static class ServerCommands
{
    /// <summary>Runs the command named by <paramref name="args"/>; null when the args start the engine instead.</summary>
    public static async Task<int?> TryRunAsync(string[] args)
    {
        switch (args)
        {
            case ["db", "migrate", .. var rest]:
                return await MigrateAsync(rest);
            case ["db", ..]:
                Console.Error.WriteLine("usage: RiskEngine.Server db migrate [--Storage:Provider=...] [--Storage:ConnectionString=...]");
                return 2;
            case ["users", "add", .. var rest]:
                return await UsersCommand.RunAsync(rest, Console.In);
            case ["users", ..]:
                Console.Error.WriteLine(UsersCommand.Usage);
                return 2;
            case ["health", "--url", var url]:
                return await ProbeAsync(url);
            case ["health", ..]:
                Console.Error.WriteLine("usage: RiskEngine.Server health --url http://127.0.0.1:8080/health/ready");
                return 2;
            default:
                return null;
        }
    }

    private static async Task<int> MigrateAsync(string[] args)
    {
        var configuration = CommandConfiguration.Build(args);
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        try
        {
            var applied = await StorageSetup.MigrateAsync(storage, CancellationToken.None);
            Console.WriteLine($"Schema is up to date ({storage.Provider}): {applied}.");
            return 0;
        }
        catch (Exception error) when (error is InvalidOperationException or System.Data.Common.DbException or IOException)
        {
            Console.Error.WriteLine($"Migration failed: {error.Message}");
            return 1;
        }
    }

    private static async Task<int> ProbeAsync(string url)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await client.GetAsync(url);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            return 1;
        }
    }
}
