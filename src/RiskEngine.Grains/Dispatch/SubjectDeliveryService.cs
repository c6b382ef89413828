using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Grains.Subjects;

namespace RiskEngine.Grains.Dispatch;

/// <summary>
/// The receiving end of cross-server dispatch: applies a batch of deliveries to the subject grains placed here (in-process
/// calls) and reports which subjects failed. Reentrant: batches from several servers and partitions run side by side,
/// bounded like the dispatcher's own deliveries.
/// </summary>
[Reentrant]
public sealed partial class SubjectDeliveryService : GrainService, ISubjectDeliveryService
{
    private readonly IGrainFactory _grains;
    private readonly SnapshotFold _fold;
    private readonly SemaphoreSlim _deliveries;
    private readonly ILogger<SubjectDeliveryService> _logger;

    public SubjectDeliveryService(
        GrainId grainId,
        Silo silo,
        ILoggerFactory loggerFactory,
        IGrainFactory grains,
        SnapshotFold fold,
        IOptions<EngineOptions> options,
        ILogger<SubjectDeliveryService> logger)
        : base(grainId, silo, loggerFactory)
    {
        _grains = grains;
        _fold = fold;
        _logger = logger;
        _deliveries = new SemaphoreSlim(Math.Max(1, options.Value.MaxConcurrentDeliveries));
    }

    public async Task<string[]> DeliverAsync(SubjectDelivery[] deliveries)
    {
        var failed = await Task.WhenAll(deliveries.Select(ApplyAsync));
        return failed.OfType<string>().ToArray();
    }

    private async Task<string?> ApplyAsync(SubjectDelivery delivery)
    {
        await _deliveries.WaitAsync();
        try
        {
            var grain = SubjectGrains.Of(_grains, delivery.Kind, delivery.SubjectId);
            if (!await _fold.TryFoldAsync(delivery.Kind, delivery.SubjectId, grain.GetGrainId(), delivery.Signals))
            {
                await grain.ApplyAsync(delivery.Signals);
            }

            return null;
        }
        catch (Exception error)
        {
            LogFailed(_logger, error, delivery.SubjectId);
            return delivery.SubjectId;
        }
        finally
        {
            _deliveries.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Applying forwarded signals to {Subject} failed; the sender retries")]
    private static partial void LogFailed(ILogger logger, Exception error, string subject);
}
