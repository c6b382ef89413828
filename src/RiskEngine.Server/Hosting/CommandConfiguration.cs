namespace RiskEngine.Server.Hosting;

/// <summary>
/// The configuration a one-shot command reads, the same sources as a running server: appsettings.json beside the
/// binary, environment variables, then <c>--Section:Key=value</c> arguments.
/// </summary>
public static class CommandConfiguration
{
    public static IConfiguration Build(IEnumerable<string> args) =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. args])
            .Build();
}
