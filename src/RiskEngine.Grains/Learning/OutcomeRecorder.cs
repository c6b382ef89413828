using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RiskEngine.Domain.Learning;
using RiskEngine.Storage.Learning;

namespace RiskEngine.Grains.Learning;

/// <summary>
/// Carries the outcomes that folds pair (<see cref="OutcomeCapture"/>) to the store in batches, off the path that applies
/// signals. Outcomes are derived from the log, not acknowledged data: when the queue is full (the store is down for long)
/// new ones are dropped and counted rather than slowing ingest, and a failed batch is retried a few times.
/// </summary>
public sealed partial class OutcomeRecorder(ModelStore store, EngineMetrics metrics, ILogger<OutcomeRecorder> logger) : BackgroundService
{
    private const int Capacity = 100_000;
    private const int BatchSize = 1_000;
    private const int Attempts = 5;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    private readonly Channel<ModelOutcome> _queue = Channel.CreateBounded<ModelOutcome>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Queues the outcomes; never waits.</summary>
    public void Queue(IReadOnlyList<ModelOutcome> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            if (!_queue.Writer.TryWrite(outcome))
            {
                metrics.OutcomeDropped();
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<ModelOutcome>(BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (batch.Count < BatchSize && _queue.Reader.TryRead(out var outcome))
                {
                    batch.Add(outcome);
                }

                await WriteAsync(batch, stoppingToken).ConfigureAwait(false);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is rebuilt from the log only if its signals are replayed; the fits do without.
        }
    }

    private async Task WriteAsync(IReadOnlyList<ModelOutcome> batch, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var added = await store.RecordAsync(batch, cancellationToken).ConfigureAwait(false);
                metrics.OutcomesRecorded(added);
                return;
            }
            catch (Exception error) when (error is not OperationCanceledException && attempt < Attempts)
            {
                LogRetry(logger, error, batch.Count, attempt);
                await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogDropped(logger, error, batch.Count);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording {Count} model outcomes failed (attempt {Attempt}); retrying")]
    private static partial void LogRetry(ILogger logger, Exception error, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording {Count} model outcomes failed; they are left out of the fits")]
    private static partial void LogDropped(ILogger logger, Exception error, int count);
}
