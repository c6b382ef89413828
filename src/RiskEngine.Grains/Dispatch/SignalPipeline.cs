using System.Diagnostics;
using RiskEngine.Storage;

namespace RiskEngine.Grains.Dispatch;

/// <summary>
/// The one way signals enter the engine: wait for room in the dispatch queues, then append to the log
/// (durable on return; the log hands new signals to the dispatcher). Used by the ingest API, the due-date sweep and the demo feed alike.
/// </summary>
public sealed class SignalPipeline(ISignalLog log, SignalDispatcher dispatcher, EngineMetrics metrics)
{
    /// <summary>Appends and dispatches; returns once the batch is durable (not once it is applied).</summary>
    public async Task<AppendResult> IngestAsync(IReadOnlyList<SignalToAppend> signals, int rejected = 0, CancellationToken cancellationToken = default)
    {
        await dispatcher.WaitForCapacityAsync(cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();

        // The log hands what it commits to the dispatcher itself, in log order (see SignalDispatcher.OnCommitted).
        var result = await log.AppendAsync(signals, cancellationToken).ConfigureAwait(false);
        metrics.RecordIngest(result.Accepted, result.Duplicates, rejected, Stopwatch.GetElapsedTime(started));
        return result;
    }
}
