using Orleans.Concurrency;

namespace RiskEngine.Abstractions;

/// <summary>
/// One alert, keyed by "rule.subject": one activation in the cluster serialises every command, so of concurrent
/// acknowledgements exactly one wins. A reminder escalates it and resolves it once its subject stays quiet.
/// </summary>
public interface IAlertGrain : IGrainWithStringKey
{
    Task RaiseAsync(AlertRaise raise);

    Task<AlertCommandResult> AcknowledgeAsync(string actor, string? note);

    Task<AlertCommandResult> ResolveAsync(string actor, string? note);

    Task<AlertCommandResult> AssignAsync(string actor, string assignee, string? note);

    /// <summary>Checks escalation and the quiet period now (the reminder does this on its own).</summary>
    Task CheckAsync();

    [AlwaysInterleave]
    Task<AlertView?> GetAsync();
}
