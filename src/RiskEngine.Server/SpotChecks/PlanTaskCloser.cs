using System.Text.Json;
using System.Threading.Channels;
using RiskEngine.Domain;
using RiskEngine.Storage;
using RiskEngine.Storage.SpotChecks;

namespace RiskEngine.Server.SpotChecks;

/// <summary>
/// Closes a plan's task when an inspection signal naming the plan (<c>data.planId</c>) is logged for its subject. It
/// hears the log's commits, whatever brought the signal in; the closing itself is a write, so it runs here in the
/// background, never on the log's writer.
/// </summary>
public sealed partial class PlanTaskCloser(InspectionPlanStore plans, ILogger<PlanTaskCloser> logger) : BackgroundService, ISignalCommitListener
{
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing spot-check task {PlanId}/{SubjectId} failed")]
    private static partial void LogCloseFailed(ILogger logger, Exception error, string planId, string subjectId);
}
