using Microsoft.Extensions.Options;

namespace RiskEngine.Server.Hosting;

/// <summary>Loads the configured silo certificate when the server starts, so a wrong path or password stops it with one clear line.</summary>
public sealed class SiloTlsOptionsValidator(TimeProvider clock) : IValidateOptions<SiloTlsOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloTlsOptions options)
    {
        if (!options.IsEnabled)
        {
            return ValidateOptionsResult.Success;
        }

        try
        {
            using var _ = SiloCertificate.Load(options, clock.GetUtcNow());
            return ValidateOptionsResult.Success;
        }
        catch (SiloCertificateException error)
        {
            return ValidateOptionsResult.Fail(error.Message);
        }
    }
}
