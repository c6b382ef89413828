using Microsoft.Extensions.Options;
using RiskEngine.Grains;
using RiskEngine.Grains.Alerts;
using RiskEngine.Grains.Learning;
using RiskEngine.Server.Auth;
using RiskEngine.Server.Demo;
using RiskEngine.Server.Live;
using RiskEngine.Server.Signals;

namespace RiskEngine.Server.Hosting;

/// <summary>
/// Every options class, bound to its configuration section. The engine's tuning sections are checked when the server
/// starts, so a bad value stops it at once with the key and the allowed range, not hours later in a timer.
/// </summary>
public static class SettingsComposition
{
    public static IServiceCollection AddEngineSettings(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        services.AddCheckedSection<SiloOptions>(SiloOptions.Section);
        services.AddSingleton<IValidateOptions<SiloOptions>, SiloOptionsValidator>();
        services.AddOptions<SiloTlsOptions>().BindConfiguration(SiloTlsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SiloTlsOptions>, SiloTlsOptionsValidator>();
        services.AddCheckedSection<EngineOptions>(EngineOptions.Section);
        services.AddCheckedSection<IngestOptions>(IngestOptions.Section);
        services.AddSingleton<IValidateOptions<IngestOptions>, IngestOptionsValidator>();
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        services.AddOptions<JwtOptions>().BindConfiguration(JwtOptions.Section);
        services.AddCheckedSection<RevocationOptions>(RevocationOptions.Section);
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section);
        services.AddCheckedSection<AlertOptions>(AlertOptions.Section);
        services.AddCheckedSection<LiveOptions>(LiveOptions.Section);
        services.AddSingleton<IValidateOptions<LiveOptions>, LiveOptionsValidator>();
        services.AddCheckedSection<HubLimitOptions>(HubLimitOptions.Section);
        services.AddCheckedSection<ObservabilityOptions>(ObservabilityOptions.Section);
        services.AddCheckedSection<ModelOptions>(ModelOptions.Section);
        return services;
    }

    /// <summary>
    /// Runs the start-up checks before the host starts, so that bad settings end the process with one line each rather
    /// than the host's logged stack trace. False when some failed; they are written to <paramref name="errors"/>.
    /// </summary>
    public static bool HasValidSettings(this WebApplication app, TextWriter errors)
    {
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
            return true;
        }
        catch (Exception error) when (Failures(error) is { } failures)
        {
            foreach (var failure in failures)
            {
                errors.WriteLine($"Configuration error: {failure}");
            }

            return false;
        }
    }

    private static OptionsBuilder<TOptions> AddCheckedSection<TOptions>(this IServiceCollection services, string section)
        where TOptions : class
    {
        services.AddSingleton<IValidateOptions<TOptions>>(new SectionValidator<TOptions>(section));
        return services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
    }

    // One failed section throws its OptionsValidationException, several an AggregateException of them.
    private static IEnumerable<string>? Failures(Exception error) => error switch
    {
        OptionsValidationException invalid => invalid.Failures,
        AggregateException all when all.InnerExceptions.All(e => e is OptionsValidationException) =>
            all.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures),
        _ => null,
    };
}
