namespace RiskEngine.Abstractions;

/// <summary>
/// The fan-out point of live changes (key 0): servers subscribe their <see cref="IWallObserver"/> and renew it
/// periodically; districts and alerts publish here. Subscriptions live in memory and lapse when not renewed.
/// </summary>
public interface IWallFeedGrain : IGrainWithIntegerKey
{
    Task SubscribeAsync(string host, IWallObserver observer);

    Task UnsubscribeAsync(string host);

    Task PublishDistrictAsync(DistrictSummary summary);

    Task PublishAlertAsync(AlertView alert, bool escalated);

    /// <summary>A server's signals ingested over the last minute; the feed sums the servers and passes the total on.</summary>
    Task ReportThroughputAsync(string host, long signalsPerMinute);
}
