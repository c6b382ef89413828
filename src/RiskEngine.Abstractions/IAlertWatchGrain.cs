namespace RiskEngine.Abstractions;

/// <summary>
/// Per district (keyed by its code), once per check period: finds the unresolved alerts a check would change (an
/// escalation due, a quiet period starting, ending or complete) and wakes only those. One reminder per district
/// instead of one per alert, so an open alert costs neither memory nor work while nothing is due.
/// </summary>
public interface IAlertWatchGrain : IGrainWithStringKey, IRemindable
{
    /// <summary>Registers the periodic reminder; safe to call at every start.</summary>
    Task StartAsync();

    /// <summary>Runs one watch now; returns how many alerts it woke.</summary>
    Task<int> WatchAsync();
}
