using Microsoft.Extensions.Options;
using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Grains.Subjects;

namespace RiskEngine.Grains.Dispatch;

/// <summary>
/// Applies a subject's signals on this server, whoever asked (the dispatcher for subjects it owns, or
/// <see cref="SubjectDeliveryService"/> for another server's): folded into the subject's snapshot when it has no grain in
/// memory (<see cref="SnapshotFold"/>), else by its grain. Both apply through <see cref="SubjectFold.Apply"/>. Bounded:
/// each delivery waits on batched reads and writes, so more in flight means fuller batches, up to what a batch holds.
/// </summary>
public sealed class LocalSubjectDelivery(IGrainFactory grains, SnapshotFold fold, IOptions<EngineOptions> options)
{
    private readonly SemaphoreSlim _inFlight = new(Math.Max(1, options.Value.MaxConcurrentDeliveries));

    /// <summary>Completes once the subject applied the signals; throws when neither way could.</summary>
    public async Task ApplyAsync(SubjectKind kind, string subjectId, IReadOnlyList<SignalEnvelope> signals)
    {
        await _inFlight.WaitAsync().ConfigureAwait(false);
        try
        {
            var grain = SubjectGrains.Of(grains, kind, subjectId);
            if (!await fold.TryFoldAsync(kind, subjectId, grain.GetGrainId(), signals).ConfigureAwait(false))
            {
                await grain.ApplyAsync(signals).ConfigureAwait(false);
            }
        }
        finally
        {
            _inFlight.Release();
        }
    }
}
