using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RiskEngine.Server.Hosting;

namespace RiskEngine.Server.Tests.Settings;

/// <summary>The server's settings composition over the given configuration: what it says is wrong with one section.</summary>
public static class CheckedSettings
{
    public static IReadOnlyList<string> FailuresOf<TOptions>(params string[] settings)
        where TOptions : class
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => setting.Split('=', 2)).Select(pair => KeyValuePair.Create(pair[0], (string?)pair[1])))
            .Build();
        using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(TimeProvider.System)
            .AddEngineSettings()
            .BuildServiceProvider();
        try
        {
            _ = services.GetRequiredService<IOptions<TOptions>>().Value;
            return [];
        }
        catch (OptionsValidationException error)
        {
            return [.. error.Failures];
        }
    }
}
