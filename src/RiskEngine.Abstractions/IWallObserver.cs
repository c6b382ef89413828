using Orleans.Concurrency;

namespace RiskEngine.Abstractions;

/// <summary>
/// A server's live-push endpoint (the GPSTracker pattern): the wall feed tells every server what changed, and each
/// server coalesces and pushes it to the SignalR clients connected to it.
/// </summary>
public interface IWallObserver : IGrainObserver
{
    [OneWay]
    Task OnDistrictChangedAsync(DistrictSummary summary);

    [OneWay]
    Task OnAlertChangedAsync(AlertView alert, bool escalated);

    [OneWay]
    Task OnThroughputAsync(long signalsPerMinute);
}
