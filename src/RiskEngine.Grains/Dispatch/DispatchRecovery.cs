using Microsoft.Extensions.Logging;
using RiskEngine.Storage;

namespace RiskEngine.Grains.Dispatch;

/// <summary>
/// After a start (clean or not), re-dispatches every signal past the recovery checkpoint, so a subject whose
/// snapshot missed signals catches up and its district hears of its level, before the engine reports ready.
/// The checkpoint writer must not start before this is done: until then the watermark knows nothing of the tail.
/// </summary>
public sealed partial class DispatchRecovery(
    ISignalLog log,
    IDispatchCheckpointStore checkpoints,
    SignalDispatcher dispatcher,
    ILogger<DispatchRecovery> logger)
{
    public const string CheckpointOwner = "local";
    private const int PageSize = 5000;

    public async Task<long> RecoverAsync(CancellationToken cancellationToken)
    {
        var checkpoint = await checkpoints.ReadAsync(CheckpointOwner, cancellationToken).ConfigureAwait(false);
        var head = await log.ReadHeadAsync(cancellationToken).ConfigureAwait(false);
        LogStarting(logger, checkpoint, head);
        long replayed = 0;
        var after = checkpoint;
        while (after < head)
        {
            await dispatcher.WaitForCapacityAsync(cancellationToken).ConfigureAwait(false);
            var read = await log.ReadAfterAsync(after, PageSize, cancellationToken).ConfigureAwait(false);
            var page = read.Where(s => s.Seq <= head).ToArray();
            if (page.Length == 0)
            {
                break;
            }

            // Only positions up to the head read at start: later ones were dispatched when they were committed.
            dispatcher.OnCommitted(page);
            replayed += page.Length;
            after = page[^1].Seq;
            LogProgress(logger, replayed, after, head);
        }

        await dispatcher.WaitIdleAsync(cancellationToken).ConfigureAwait(false);
        LogDone(logger, replayed);
        return replayed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovery: replaying the log after checkpoint {Checkpoint} (head {Head})")]
    private static partial void LogStarting(ILogger logger, long checkpoint, long head);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovery: {Replayed} signals re-dispatched, at {Seq} of {Head}")]
    private static partial void LogProgress(ILogger logger, long replayed, long seq, long head);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovery done: {Replayed} signals re-dispatched")]
    private static partial void LogDone(ILogger logger, long replayed);
}
