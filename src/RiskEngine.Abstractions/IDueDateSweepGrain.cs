namespace RiskEngine.Abstractions;

/// <summary>
/// Per district, turns passing due dates into logged signals ("inspection due in 30 days", "overdue",
/// "maintenance > 15 days"), so risk rises with no signal from outside and a replay sees the same history.
/// </summary>
public interface IDueDateSweepGrain : IGrainWithStringKey, IRemindable
{
    /// <summary>Registers the periodic reminder; safe to call at every start.</summary>
    Task StartAsync();

    /// <summary>Runs one sweep at the current time; returns how many notices it raised.</summary>
    Task<int> SweepAsync();
}
