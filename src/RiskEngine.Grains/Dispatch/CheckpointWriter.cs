using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Storage;
using RiskEngine.Storage.Snapshots;

namespace RiskEngine.Grains.Dispatch;

/// <summary>
/// Moves this run's recovery checkpoint forward: to the dispatch watermark, but never past the oldest change a
/// subject's snapshot (<see cref="ResidentSnapshots"/>) or a district of this silo holds only in memory. Everything at or below it that this silo dispatched or holds is in
/// persisted snapshots.
/// </summary>
public sealed partial class CheckpointWriter(
    SignalDispatcher dispatcher,
    DirtySubjectTracker tracker,
    ResidentSnapshots snapshots,
    IDispatchCheckpointStore checkpoints,
    DispatchRecovery recovery,
    IOptions<EngineOptions> options,
    ILogger<CheckpointWriter> logger)
{
    private long _written;

    public long Current
    {
        get
        {
            var checkpoint = dispatcher.Watermark;
            if (tracker.OldestDirtySeq is { } oldest)
            {
                checkpoint = Math.Min(checkpoint, oldest - 1);
            }

            if (snapshots.OldestUnwrittenSeq is { } unwritten)
            {
                checkpoint = Math.Min(checkpoint, unwritten - 1);
            }

            return checkpoint;
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckpointInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await WriteOnceAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public async Task WriteOnceAsync(CancellationToken cancellationToken)
    {
        var checkpoint = Current;
        if (checkpoint <= _written)
        {
            return;
        }

        try
        {
            await checkpoints.WriteAsync(recovery.Owner, checkpoint, cancellationToken).ConfigureAwait(false);
            _written = checkpoint;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // A stale checkpoint only means a longer replay after a crash.
            LogFailed(logger, error, checkpoint);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write recovery checkpoint {Checkpoint}; will retry")]
    private static partial void LogFailed(ILogger logger, Exception error, long checkpoint);
}
