using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Storage;
using RiskEngine.Storage.Snapshots;

namespace RiskEngine.Grains.Dispatch;

/// <summary>
/// Moves this run's recovery checkpoint forward: to the dispatch watermark, but never past the oldest change a
/// subject's snapshot (<see cref="ResidentSnapshots"/>) or a district of this silo holds only in memory. Everything at or below it that this silo dispatched or holds is in
/// persisted snapshots.
/// <para>
/// A written checkpoint can be overtaken by a change that arrives later with a lower position: another server's signal,
/// committed before this run's newest and delivered after its checkpoint was written. The other server counts the
/// signal as done once this one applied it, so if this run then died before writing again, the replay from its row
/// would start past the signal. <see cref="CoverAsync"/> moves the written row back below such a change before the
/// delivery is answered. Writes and moves back take turns, so a row computed before the change arrived never lands
/// after the move back.
/// </para>
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
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
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
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var checkpoint = Current;
            if (checkpoint <= Volatile.Read(ref _written))
            {
                return;
            }

            try
            {
                await checkpoints.WriteAsync(recovery.Owner, checkpoint, cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _written, checkpoint);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // A stale checkpoint only means a longer replay after a crash.
                LogFailed(logger, error, checkpoint);
            }
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>
    /// Makes sure the written checkpoint is below <paramref name="seq"/>, the lowest position of a change this server
    /// just applied for another one; call it after the change is held (so <see cref="Current"/> sees it) and before
    /// answering the sender. Nearly always a comparison: the row lags the newest positions by a flush interval, and
    /// deliveries take milliseconds. Throws when the row cannot be moved back, so the sender retries the delivery.
    /// </summary>
    public async ValueTask CoverAsync(long seq)
    {
        if (seq > Volatile.Read(ref _written))
        {
            return;
        }

        await _oneAtATime.WaitAsync().ConfigureAwait(false);
        try
        {
            if (seq <= _written)
            {
                await checkpoints.LowerAsync(recovery.Owner, seq - 1).ConfigureAwait(false);
                Volatile.Write(ref _written, seq - 1);
                LogMovedBack(logger, seq - 1);
            }
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write recovery checkpoint {Checkpoint}; will retry")]
    private static partial void LogFailed(ILogger logger, Exception error, long checkpoint);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Recovery checkpoint moved back to {Checkpoint} below a change delivered late by another server")]
    private static partial void LogMovedBack(ILogger logger, long checkpoint);
}
