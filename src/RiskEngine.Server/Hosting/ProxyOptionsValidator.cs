using System.Net;
using Microsoft.Extensions.Options;

namespace RiskEngine.Server.Hosting;

/// <summary>Every proxy address and network must parse: a typo would otherwise silently trust no one (or the wrong one).</summary>
public sealed class ProxyOptionsValidator : IValidateOptions<ProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ProxyOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[i], out _))
            {
                failures.Add($"{ProxyOptions.Section}:{nameof(ProxyOptions.KnownProxies)}:{i} must be an IP address (was '{options.KnownProxies[i]}')");
            }
        }

        for (var i = 0; i < options.KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(options.KnownNetworks[i], out _))
            {
                failures.Add($"{ProxyOptions.Section}:{nameof(ProxyOptions.KnownNetworks)}:{i} must be a network in CIDR notation such as 10.0.0.0/24 (was '{options.KnownNetworks[i]}')");
            }
        }

        if (options.ForwardLimit < 1)
        {
            failures.Add($"{ProxyOptions.Section}:{nameof(ProxyOptions.ForwardLimit)} must be at least 1 (was {options.ForwardLimit})");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
