using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Grains.Dispatch;

namespace RiskEngine.Server.Hosting;

/// <summary>
/// Runs once the silo is up: claims this run's checkpoint row before anything is dispatched, replays the
/// tail of earlier runs, reports ready, starts each district's due-date sweep and alert watch, then keeps moving the
/// checkpoint forward and watches for silos that die.
/// </summary>
public sealed partial class EngineLifecycle(
    DispatchRecovery recovery,
    CheckpointWriter checkpoints,
    EngineReadiness readiness,
    IGrainFactory grains,
    RiskCatalog catalog,
    IHostApplicationLifetime lifetime,
    ILogger<EngineLifecycle> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the API listens: from here on every new position is this run's to account for.
        await recovery.ClaimAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // The silo is a hosted service of its own, started after this one: until it is up, grain calls fail placement
            // ("no active nodes are compatible"), and on a busy machine Orleans' retries give up before it is.
            readiness.Report("waiting for the silo");
            await WhenStartedAsync(stoppingToken);
            readiness.Report("replaying the signal log");
            var replayed = await recovery.RecoverGoneAsync(stoppingToken);
            readiness.Report("starting due-date sweeps and alert watches");
            foreach (var district in catalog.Districts)
            {
                await grains.GetGrain<IDueDateSweepGrain>(district.Code).StartAsync();
                await grains.GetGrain<IAlertWatchGrain>(district.Code).StartAsync();
            }

            readiness.MarkReady();
            LogReady(logger, replayed);
            await Task.WhenAll(checkpoints.RunAsync(stoppingToken), recovery.WatchAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception error)
        {
            readiness.Report($"start-up failed: {error.Message}");
            LogStartFailed(logger, error);
            throw;
        }
    }

    private async Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "RiskEngine ready ({Replayed} signals replayed from the log)")]
    private static partial void LogReady(ILogger logger, long replayed);

    [LoggerMessage(Level = LogLevel.Critical, Message = "RiskEngine failed to start")]
    private static partial void LogStartFailed(ILogger logger, Exception error);
}
