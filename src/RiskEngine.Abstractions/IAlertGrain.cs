using Orleans.Concurrency;

namespace RiskEngine.Abstractions;

/// <summary>
/// One alert, keyed by "rule.subject": one activation in the cluster serialises every command, so of concurrent
/// acknowledgements exactly one wins. Its district's <see cref="IAlertWatchGrain"/> wakes it to escalate it and to resolve
/// it once its subject stays quiet.
/// </summary>
public interface IAlertGrain : IGrainWithStringKey
{
    Task RaiseAsync(AlertRaise raise);

    Task<AlertCommandResult> AcknowledgeAsync(string actor, string? note);

    Task<AlertCommandResult> ResolveAsync(string actor, string? note);

    Task<AlertCommandResult> AssignAsync(string actor, string assignee, string? note);

    /// <summary>Checks escalation and the quiet period now (the district's alert watch calls this when one is due).</summary>
    Task CheckAsync();

    [AlwaysInterleave]
    Task<AlertView?> GetAsync();
}
