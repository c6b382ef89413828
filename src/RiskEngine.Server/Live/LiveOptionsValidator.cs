using Microsoft.Extensions.Options;
using RiskEngine.Grains.Live;
using RiskEngine.Server.Hosting;

namespace RiskEngine.Server.Live;

/// <summary>The rule of the "Live" section that spans settings; each property's range is on the property.</summary>
public sealed class LiveOptionsValidator : IValidateOptions<LiveOptions>
{
    public ValidateOptionsResult Validate(string? name, LiveOptions options)
    {
        // The publisher renews on its coalescing ticks, so a renewal can come this late; later, the feed drops this server.
        var latestRenewal = options.RenewInterval + options.CoalesceInterval;
        return latestRenewal < WallFeedGrain.SubscriptionLifetime
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{LiveOptions.Section}:{nameof(LiveOptions.RenewInterval)} plus {LiveOptions.Section}:{nameof(LiveOptions.CoalesceInterval)} must be under "
                + $"{SettingText.Of(WallFeedGrain.SubscriptionLifetime)}, the wall feed's subscription lifetime "
                + $"(was {SettingText.Of(options.RenewInterval)} plus {SettingText.Of(options.CoalesceInterval)})");
    }
}
