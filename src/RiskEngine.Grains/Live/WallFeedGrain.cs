using Microsoft.Extensions.Logging;
using RiskEngine.Abstractions;

namespace RiskEngine.Grains.Live;

/// <summary>
/// Fans live changes out to every server's observer. A server that stops renewing (it died) lapses after
/// <see cref="SubscriptionLifetime"/>; if this grain moves to another silo, servers find it empty and re-subscribe
/// on their next renewal.
/// </summary>
public sealed partial class WallFeedGrain(TimeProvider clock, ILogger<WallFeedGrain> logger) : Grain, IWallFeedGrain
{
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, (IWallObserver Observer, DateTimeOffset RenewedAt)> _observers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long PerMinute, DateTimeOffset At)> _throughput = new(StringComparer.Ordinal);

    public Task SubscribeAsync(string host, IWallObserver observer)
    {
        _observers[host] = (observer, clock.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(string host)
    {
        _observers.Remove(host);
        _throughput.Remove(host);
        return Task.CompletedTask;
    }

    public Task PublishDistrictAsync(DistrictSummary summary)
    {
        foreach (var observer in Live())
        {
            observer.OnDistrictChangedAsync(summary).Ignore();
        }

        return Task.CompletedTask;
    }

    public Task PublishAlertAsync(AlertView alert, bool escalated)
    {
        foreach (var observer in Live())
        {
            observer.OnAlertChangedAsync(alert, escalated).Ignore();
        }

        return Task.CompletedTask;
    }

    public Task ReportThroughputAsync(string host, long signalsPerMinute)
    {
        var now = clock.GetUtcNow();
        _throughput[host] = (signalsPerMinute, now);
        var total = _throughput.Values.Where(t => now - t.At < SubscriptionLifetime).Sum(t => t.PerMinute);
        foreach (var observer in Live())
        {
            observer.OnThroughputAsync(total).Ignore();
        }

        return Task.CompletedTask;
    }

    private List<IWallObserver> Live()
    {
        var now = clock.GetUtcNow();
        var lapsed = _observers.Where(o => now - o.Value.RenewedAt > SubscriptionLifetime).Select(o => o.Key).ToList();
        foreach (var host in lapsed)
        {
            _observers.Remove(host);
            _throughput.Remove(host);
            LogLapsed(logger, host);
        }

        return _observers.Values.Select(o => o.Observer).ToList();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Wall feed: server {Host} stopped renewing its subscription and was dropped")]
    private static partial void LogLapsed(ILogger logger, string host);
}
