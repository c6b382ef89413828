using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Abstractions;
using RiskEngine.Domain.Alerts;
using RiskEngine.Storage.Alerts;

namespace RiskEngine.Grains.Alerts;

/// <summary>
/// A district's alert watch. Each period it pages through the district's unresolved alerts in the store, asks the
/// district for their subjects' levels (one call per page), and calls <see cref="IAlertGrain.CheckAsync"/> only on
/// those whose check would change something; the alert decides again on its own reading. A per-alert reminder kept
/// every open alert in memory and woke each one every period: a soak at 3,000 signals/s had 180,000 alert grains and
/// as many reminder ticks a minute after 20 minutes.
/// </summary>
public sealed partial class AlertWatchGrain(
    AlertStore store,
    AlertRuleSet rules,
    TimeProvider clock,
    IOptions<AlertOptions> options,
    ILogger<AlertWatchGrain> logger) : Grain, IAlertWatchGrain
{
    private const string ReminderName = "alert-watch";
    private const int PageSize = 1000;
    private const int ChecksAtOnce = 16;

    public async Task StartAsync() =>
        await this.RegisterOrUpdateReminder(ReminderName, options.Value.CheckPeriod, options.Value.CheckPeriod);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName)
        {
            await WatchAsync();
        }
    }

    public async Task<int> WatchAsync()
    {
        var district = this.GetPrimaryKeyString();
        var levels = GrainFactory.GetGrain<IDistrictGrain>(district);
        var woken = 0;
        string? after = null;
        while (true)
        {
            var page = await store.ListUnresolvedAsync(district, after, PageSize);
            if (page.Count == 0)
            {
                break;
            }

            var subjectLevels = await levels.LevelsOfAsync([.. page.Select(alert => alert.SubjectId)]);
            var now = clock.GetUtcNow();
            var due = page.Where((alert, i) => AlertLifecycle.IsCheckDue(alert, rules, subjectLevels[i], now)).ToArray();
            foreach (var batch in due.Chunk(ChecksAtOnce))
            {
                await Task.WhenAll(batch.Select(alert => CheckAsync(alert.Id)));
            }

            woken += due.Length;
            if (page.Count < PageSize)
            {
                break;
            }

            after = page[^1].Id;
        }

        if (woken > 0)
        {
            LogWoken(logger, district, woken);
        }

        return woken;
    }

    /// <summary>One alert's check; a failure is logged and left to the next period, so one stuck alert does not stop the district's watch.</summary>
    private async Task CheckAsync(string alertId)
    {
        try
        {
            await GrainFactory.GetGrain<IAlertGrain>(alertId).CheckAsync();
        }
        catch (Exception error) when (error is TimeoutException or OrleansException or InvalidOperationException)
        {
            LogCheckFailed(logger, error, alertId);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Alert watch of district {District} woke {Count} alerts")]
    private static partial void LogWoken(ILogger logger, string district, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {Alert}: its check failed; the next watch tries again")]
    private static partial void LogCheckFailed(ILogger logger, Exception error, string alert);
}
