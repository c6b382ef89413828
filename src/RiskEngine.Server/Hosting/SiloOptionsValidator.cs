using Microsoft.Extensions.Options;

namespace RiskEngine.Server.Hosting;

/// <summary>The rule of the "Orleans" section that spans settings; each property's range is on the property.</summary>
public sealed class SiloOptionsValidator : IValidateOptions<SiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions options) =>
        options.SiloPort != 0 && options.SiloPort == options.GatewayPort
            ? ValidateOptionsResult.Fail(
                $"{SiloOptions.Section}:{nameof(SiloOptions.SiloPort)} and {SiloOptions.Section}:{nameof(SiloOptions.GatewayPort)} must differ (both were {options.SiloPort})")
            : ValidateOptionsResult.Success;
}
