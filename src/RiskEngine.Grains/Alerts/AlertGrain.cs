using Microsoft.Extensions.Logging;
using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Domain.Alerts;
using RiskEngine.Grains.Dispatch;
using RiskEngine.Storage.Alerts;

namespace RiskEngine.Grains.Alerts;

/// <summary>
/// One alert's life. Every change is committed with its audit entry before anyone hears of it, then pushed to the
/// wall feed. While unresolved, its district's <see cref="AlertWatchGrain"/> wakes it when a check is due (escalation
/// past the SLA, the subject quiet long enough to resolve it); in between it leaves memory like any idle grain.
/// </summary>
public sealed partial class AlertGrain(
    AlertStore store,
    AlertRuleSet rules,
    TimeProvider clock,
    SubjectRouter subjects,
    ILogger<AlertGrain> logger) : Grain, IAlertGrain
{
    private AlertCase? _alert;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _alert = await store.LoadAsync(this.GetPrimaryKeyString(), cancellationToken);

    public async Task RaiseAsync(AlertRaise raise)
    {
        if (!rules.ById.TryGetValue(raise.Rule, out var rule))
        {
            LogUnknownRule(logger, raise.Rule);
            return;
        }

        var trigger = new AlertTrigger(rule, raise.Seq, raise.Level, raise.Score, raise.At);
        await CommitAsync(AlertLifecycle.Raise(_alert, trigger, raise.SubjectKind, raise.SubjectId, raise.SubjectName, raise.District));
    }

    public Task<AlertCommandResult> AcknowledgeAsync(string actor, string? note) =>
        CommandAsync(alert => AlertLifecycle.Acknowledge(alert, actor, note, clock.GetUtcNow()));

    public Task<AlertCommandResult> ResolveAsync(string actor, string? note) =>
        CommandAsync(alert => AlertLifecycle.Resolve(alert, actor, note, clock.GetUtcNow()));

    public Task<AlertCommandResult> AssignAsync(string actor, string assignee, string? note) =>
        CommandAsync(alert => AlertLifecycle.Assign(alert, actor, assignee, note, clock.GetUtcNow()));

    public Task<AlertView?> GetAsync() => Task.FromResult(_alert is { } alert ? AlertView.From(alert) : null);

    public async Task CheckAsync()
    {
        if (_alert is not { State: not AlertState.Resolved } alert)
        {
            return;
        }

        var now = clock.GetUtcNow();
        await CommitAsync(AlertLifecycle.Escalate(alert, rules, now), escalation: true);
        if (_alert is { State: not AlertState.Resolved } current && rules.ById.TryGetValue(current.Rule, out var rule))
        {
            var risk = await subjects.ReadAsync(current.SubjectKind, current.SubjectId);
            await CommitAsync(AlertLifecycle.ObserveSubject(current, rule, risk.Level, clock.GetUtcNow()));
        }
    }

    private async Task<AlertCommandResult> CommandAsync(Func<AlertCase, AlertChange> decide)
    {
        if (_alert is not { } alert)
        {
            return new AlertCommandResult(AlertCommandOutcome.NotFound, null, null, null, "No such alert.");
        }

        var change = decide(alert);
        if (change.Refusal is { } refusal)
        {
            var outcome = refusal.Reason == AlertRefusalReason.AlreadyAcknowledged ? AlertCommandOutcome.AlreadyAcknowledged : AlertCommandOutcome.AlreadyResolved;
            var detail = refusal.Reason == AlertRefusalReason.AlreadyAcknowledged
                ? $"Alert {alert.Id} was already acknowledged by {refusal.By} at {refusal.At:O}."
                : $"Alert {alert.Id} was already resolved by {refusal.By} at {refusal.At:O}.";
            return new AlertCommandResult(outcome, AlertView.From(alert), refusal.By, refusal.At, detail);
        }

        await CommitAsync(change);
        return new AlertCommandResult(AlertCommandOutcome.Done, AlertView.From(_alert!), null, null, null);
    }

    private async Task CommitAsync(AlertChange change, bool escalation = false)
    {
        if (change is not { Next: { } next, Audit: { } audit })
        {
            return;
        }

        if (!await store.SaveAsync(next, audit))
        {
            // Another activation wrote first (only possible while the cluster heals a split): take its word and refuse.
            _alert = await store.LoadAsync(this.GetPrimaryKeyString());
            throw new InvalidOperationException($"Alert {next.Id} was changed elsewhere; retry.");
        }

        _alert = next;
        if (audit.Actor == AlertLifecycle.System)
        {
            LogRaised(logger, next.Id, audit.Action);
        }
        else
        {
            LogChanged(logger, next.Id, audit.Action, audit.Actor);
        }
        try
        {
            await GrainFactory.GetGrain<IWallFeedGrain>(0).PublishAlertAsync(AlertView.From(next), escalation);
        }
        catch (Exception error)
        {
            // The change is committed and audited; a missed push heals when clients next list the alerts.
            LogPushFailed(logger, error, next.Id);
        }
    }

    // Raised at signal rate in a storm; the audit trail keeps them, the log only when asked.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Alert {Alert}: {Action}")]
    private static partial void LogRaised(ILogger logger, string alert, string action);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {Alert}: {Action} by {Actor}")]
    private static partial void LogChanged(ILogger logger, string alert, string action, string actor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert rule {Rule} is not in the loaded rules; trigger ignored")]
    private static partial void LogUnknownRule(ILogger logger, string rule);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {Alert}: pushing the change to the wall failed")]
    private static partial void LogPushFailed(ILogger logger, Exception error, string alert);
}
