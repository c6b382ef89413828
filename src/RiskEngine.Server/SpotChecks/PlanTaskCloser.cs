using System.Text.Json;
using System.Threading.Channels;
using RiskEngine.Domain;
using RiskEngine.Storage;
using RiskEngine.Storage.SpotChecks;

namespace RiskEngine.Server.SpotChecks;

/// <summary>
/// Closes a plan's task when an inspection signal naming the plan (<c>data.planId</c>) is logged for its subject. It
/// hears the log's commits, whatever brought the signal in; the closing itself is a write, so it runs here in the
/// background, never on the log's writer. A signal committed just before the server stopped may never have been
/// closed: at start, the open tasks of this month's and last month's plans are checked against their subjects' logs.
/// </summary>
public sealed partial class PlanTaskCloser(
    InspectionPlanStore plans, IServiceProvider services, RiskCatalog catalog, TimeProvider clock, ILogger<PlanTaskCloser> logger)
    : BackgroundService, ISignalCommitListener
{
    // Ample for one subject's history; a subject with more signals than this is checked on its earliest ones only.
    private const int MaxSignalsPerSubject = 100_000;

    private readonly Channel<Completion> _completions = Channel.CreateUnbounded<Completion>(new UnboundedChannelOptions { SingleReader = true });

    private sealed record Completion(string PlanId, string SubjectId, string Result, int Findings, DateTimeOffset At);

    public void OnCommitted(IReadOnlyList<LoggedSignal> signals)
    {
        foreach (var signal in signals)
        {
            // The canonical facts carry "planId" only when the inspection named a plan; most signals stop at the kind.
            if (signal.Kind == SignalKind.Inspection && signal.Data.Contains("\"planId\"", StringComparison.Ordinal) && Read(signal) is { } completion)
            {
                _completions.Writer.TryWrite(completion);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ReconcileAsync(stoppingToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogReconcileFailed(logger, error);
        }

        try
        {
            await foreach (var completion in _completions.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    if (await plans.CompleteTaskAsync(completion.PlanId, completion.SubjectId, completion.Result, completion.Findings, completion.At, stoppingToken))
                    {
                        LogTaskClosed(logger, completion.PlanId, completion.SubjectId, completion.Result);
                    }
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    LogCloseFailed(logger, error, completion.PlanId, completion.SubjectId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Closes open tasks of recent plans whose inspection is in the log (closing twice changes nothing).</summary>
    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        // Resolved here, not injected: the log reports its commits to this closer, so the closer cannot need the log to exist.
        var log = services.GetRequiredService<ISignalLog>();
        var local = clock.GetUtcNow().ToOffset(catalog.Parameters.LocalUtcOffset);
        var closed = 0;
        foreach (var month in new[] { local, local.AddMonths(-1) }.Select(m => m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)))
        {
            foreach (var plan in await plans.ListAsync(null, month, cancellationToken))
            {
                foreach (var task in (await plans.TasksAsync(plan.Id, cancellationToken)).Where(t => !t.Done))
                {
                    var signals = await log.ReadSubjectAsync(task.SubjectId, 0, MaxSignalsPerSubject, cancellationToken);
                    var inspection = signals.Where(s => s.Kind == SignalKind.Inspection && s.Data.Contains("\"planId\"", StringComparison.Ordinal))
                        .Select(Read).FirstOrDefault(c => c?.PlanId == plan.Id);
                    if (inspection is not null
                        && await plans.CompleteTaskAsync(plan.Id, task.SubjectId, inspection.Result, inspection.Findings, inspection.At, cancellationToken))
                    {
                        closed++;
                    }
                }
            }
        }

        if (closed > 0)
        {
            LogReconciled(logger, closed);
        }
    }

    private static Completion? Read(LoggedSignal signal)
    {
        using var facts = JsonDocument.Parse(signal.Data);
        var root = facts.RootElement;
        return root.TryGetProperty("planId", out var planId) && planId.GetString() is { } id
            ? new Completion(id, signal.SubjectId, root.GetProperty("result").GetString() ?? "pass",
                root.TryGetProperty("findings", out var findings) ? findings.GetArrayLength() : 0, signal.OccurredAt)
            : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Spot-check task {PlanId}/{SubjectId} closed: {Result}")]
    private static partial void LogTaskClosed(ILogger logger, string planId, string subjectId, string result);

    [LoggerMessage(Level = LogLevel.Information, Message = "Spot-check tasks closed at start from inspections already in the log: {Closed}")]
    private static partial void LogReconciled(ILogger logger, int closed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking open spot-check tasks against the log at start failed; they close as their inspections arrive")]
    private static partial void LogReconcileFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing spot-check task {PlanId}/{SubjectId} failed")]
    private static partial void LogCloseFailed(ILogger logger, Exception error, string planId, string subjectId);
}
