namespace RiskEngine.Server.Hosting;

/// <summary>The one-shot commands other than accounts and imports: <c>db migrate</c> and <c>health</c>.</summary>
public static class ServerCommands
{
    public static async Task<int> MigrateAsync(string[] configurationArgs, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var configuration = CommandConfiguration.Build(configurationArgs);
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        try
        {
            var applied = await StorageSetup.MigrateAsync(storage, cancellationToken);
            output.WriteLine($"Schema is up to date ({storage.Provider}): {applied}.");
            return 0;
        }
        catch (Exception failure) when (failure is InvalidOperationException or System.Data.Common.DbException or IOException)
        {
            error.WriteLine($"Migration failed: {failure.Message}");
            return 1;
        }
    }

    public static async Task<int> ProbeAsync(Uri url)
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
