using System.Diagnostics;
using RiskEngine.Storage;

namespace RiskEngine.Grains.Dispatch;

/// <summary>
/// The one way signals enter the engine: append to the log (durable on return; the log hands new signals to the
/// dispatcher). Room is asked of <see cref="IngestAdmission"/> first: the ingest API refuses a request when there is
/// none, while the engine's own producers (the due-date sweep, the demo feed) wait for it.
/// </summary>
public sealed class SignalPipeline(ISignalLog log, IngestAdmission admission, EngineMetrics metrics)
{
    /// <summary>
    /// Appends and dispatches now, whatever the backlog: for a request <see cref="IngestAdmission.TryAdmit"/> let in.
    /// Returns once the batch is durable (not once it is applied).
    /// </summary>
    public async Task<AppendResult> IngestAsync(IReadOnlyList<SignalToAppend> signals, int rejected = 0, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();

        // The log hands what it commits to the dispatcher itself, in log order (see SignalDispatcher.OnCommitted).
        var result = await log.AppendAsync(signals, cancellationToken).ConfigureAwait(false);
        metrics.RecordIngest(result.Accepted, result.Duplicates, rejected, Stopwatch.GetElapsedTime(started));
        return result;
    }

    /// <summary>
    /// Waits for room in the engine, then appends: for the engine's own producers, which are never refused, since nobody
    /// would send their signals again.
    /// </summary>
    public async Task<AppendResult> IngestWhenRoomAsync(IReadOnlyList<SignalToAppend> signals, CancellationToken cancellationToken = default)
    {
        await admission.WaitForRoomAsync(cancellationToken).ConfigureAwait(false);
        return await IngestAsync(signals, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
