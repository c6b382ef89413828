using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace RiskEngine.Server.Live;

/// <summary>
/// Each hub connection calls through a token bucket of its own: a client looping on Watch (each call answers with a
/// whole snapshot) is told to slow down instead of keeping the server busy.
/// </summary>
public sealed partial class HubCallRateFilter(IOptions<HubLimitOptions> options, ILogger<HubCallRateFilter> logger) : IHubFilter
{
    private static readonly object LimiterKey = new();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var context = invocationContext.Context;
        var limiter = (RateLimiter)context.Items[LimiterKey]!;
        using var lease = limiter.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            LogThrottled(logger, context.User?.Identity?.Name ?? "unknown", invocationContext.HubMethodName);
            throw new HubException($"Too many hub calls: at most {options.Value.CallsPerSecond} a second on one connection; slow down.");
        }

        return await next(invocationContext);
    }

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var limits = options.Value;
        context.Context.Items[LimiterKey] = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.CallBurst,
            TokensPerPeriod = limits.CallsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
        return next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            if (context.Context.Items.Remove(LimiterKey, out var limiter))
            {
                await ((RateLimiter)limiter!).DisposeAsync();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub: {Actor} called {Method} over the connection's rate limit")]
    private static partial void LogThrottled(ILogger logger, string actor, string method);
}
