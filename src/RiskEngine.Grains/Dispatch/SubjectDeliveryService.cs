using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Grains.Subjects;

namespace RiskEngine.Grains.Dispatch;

/// <summary>
/// The receiving end of cross-server dispatch: applies a batch of deliveries to subjects owned here (through
/// <see cref="LocalSubjectDelivery"/>, as the dispatcher does its own) and reports which subjects failed. Reentrant:
/// batches from several servers and partitions run side by side.
/// </summary>
[Reentrant]
public sealed partial class SubjectDeliveryService : GrainService, ISubjectDeliveryService
{
    private readonly LocalSubjectDelivery _local;
    private readonly SnapshotFold _fold;
    private readonly CheckpointWriter _checkpoints;
    private readonly ILogger<SubjectDeliveryService> _logger;

    public SubjectDeliveryService(
        GrainId grainId,
        Silo silo,
        ILoggerFactory loggerFactory,
        LocalSubjectDelivery local,
        SnapshotFold fold,
        CheckpointWriter checkpoints,
        ILogger<SubjectDeliveryService> logger)
        : base(grainId, silo, loggerFactory)
    {
        _local = local;
        _fold = fold;
        _checkpoints = checkpoints;
        _logger = logger;
    }

    public async Task<string[]> DeliverAsync(SubjectDelivery[] deliveries)
    {
        var failed = await Task.WhenAll(deliveries.Select(ApplyAsync));
        return failed.OfType<string>().ToArray();
    }

    public Task<SubjectRiskView> ReadAsync(SubjectKind kind, string subjectId) => _fold.ReadAsync(kind, subjectId);

    public Task ReportOwnedUnitAsync(string ownerUscc, string code, double score, long version) =>
        _fold.ReportOwnedUnitAsync(ownerUscc, code, score, version);

    private async Task<string?> ApplyAsync(SubjectDelivery delivery)
    {
        try
        {
            await _local.ApplyAsync(delivery.Kind, delivery.SubjectId, delivery.Signals);
            await _checkpoints.CoverAsync(delivery.Signals.Min(s => s.Seq));
            return null;
        }
        catch (Exception error)
        {
            LogFailed(_logger, error, delivery.SubjectId);
            return delivery.SubjectId;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Applying forwarded signals to {Subject} failed; the sender retries")]
    private static partial void LogFailed(ILogger logger, Exception error, string subject);
}
