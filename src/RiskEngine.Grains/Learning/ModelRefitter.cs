using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Domain.Learning;
using RiskEngine.Storage.Learning;

namespace RiskEngine.Grains.Learning;

/// <summary>What asking for a refit or a rollback came to.</summary>
public enum ModelChange
{
    /// <summary>A new version is stored and in force here.</summary>
    Stored,

    /// <summary>No category has enough outcomes of both labels yet: nothing to fit.</summary>
    NotEnoughOutcomes,

    /// <summary>Another server stored that version number first; its version is in force here now.</summary>
    Superseded,

    /// <summary>No such version to roll back to.</summary>
    UnknownVersion,
}

/// <summary>
/// Fits the stored outcomes into new versions of the parameters, rolls back, and keeps this server on the newest stored
/// version (every server of a cluster polls the same store). A version is stored under the next number or not at all,
/// so two servers fitting at once end on one version; fits are deterministic, so either would have stored the same.
/// </summary>
public sealed partial class ModelRefitter(
    ModelStore store, CurrentModel current, IOptions<ModelOptions> options, TimeProvider clock, EngineMetrics metrics, ILogger<ModelRefitter> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _lastBacklog = -1;
    private DateTimeOffset _backlogChangedAt;

    /// <summary>Takes the newest stored version, if newer than this server's; returns it (null before the first fit).</summary>
    public async Task<StoredModelVersion?> SyncAsync(CancellationToken cancellationToken)
    {
        var stored = await store.CurrentAsync(cancellationToken).ConfigureAwait(false);
        if (stored is not null && current.Use(stored.Model))
        {
            LogInForce(logger, stored.Model.Version, stored.Model.Origin);
        }

        return stored;
    }

    /// <summary>Fits the newest outcomes into the next version.</summary>
    public async Task<(ModelChange Change, FittedModel Model)> RefitAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var settings = options.Value;
            var stored = await SyncAsync(cancellationToken).ConfigureAwait(false);
            var (outcomes, through) = await store.RecentAsync(settings.MaxOutcomes, cancellationToken: cancellationToken).ConfigureAwait(false);
            var fitted = ModelRefit.Fit(outcomes, (stored?.Model.Version ?? 0) + 1, clock.GetUtcNow(), settings.FitSettings);
            if (fitted.Categories.Count == 0)
            {
                return (ModelChange.NotEnoughOutcomes, current.Fitted);
            }

            return await StoreAsync(new StoredModelVersion(fitted, through), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stores a new version carrying version <paramref name="version"/>'s parameters (0: the seeded model).</summary>
    public async Task<(ModelChange Change, FittedModel Model)> RollbackAsync(int version, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stored = await SyncAsync(cancellationToken).ConfigureAwait(false);
            var target = version == 0 ? FittedModel.Seeded : (await store.FindAsync(version, cancellationToken).ConfigureAwait(false))?.Model;
            if (target is null || stored is null || version >= stored.Model.Version)
            {
                return (ModelChange.UnknownVersion, current.Fitted);
            }

            var restored = FittedModel.RollbackTo(target, stored.Model.Version + 1, clock.GetUtcNow());
            return await StoreAsync(new StoredModelVersion(restored, stored.OutcomesThrough), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// One poll: takes a newer stored version, and refits when enough outcomes arrived since the current version, or
    /// when some did and none has for <see cref="ModelOptions.QuietPeriod"/> (a replay or a bulk ingest ended).
    /// </summary>
    public async Task PollAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var stored = await SyncAsync(cancellationToken).ConfigureAwait(false);
        var backlog = await store.BacklogAsync(stored?.OutcomesThrough ?? 0, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        if (backlog.Count != _lastBacklog)
        {
            _lastBacklog = backlog.Count;
            _backlogChangedAt = now;
        }

        var quiet = now - _backlogChangedAt >= settings.QuietPeriod;
        if (backlog.Count >= settings.RefitAfterOutcomes || (quiet && backlog.Count >= settings.MinNewOutcomes))
        {
            var (change, model) = await RefitAsync(cancellationToken).ConfigureAwait(false);
            if (change == ModelChange.NotEnoughOutcomes)
            {
                // Tries again only after another quiet period, not at every poll.
                _lastBacklog = -1;
                _backlogChangedAt = DateTimeOffset.MaxValue;
            }
            else
            {
                LogRefitted(logger, model.Version, backlog.Count, model.Outcomes);
            }
        }
    }

    private async Task<(ModelChange, FittedModel)> StoreAsync(StoredModelVersion version, CancellationToken cancellationToken)
    {
        if (!await store.SaveAsync(version, cancellationToken).ConfigureAwait(false))
        {
            await SyncAsync(cancellationToken).ConfigureAwait(false);
            return (ModelChange.Superseded, current.Fitted);
        }

        current.Use(version.Model);
        metrics.Refitted();
        LogInForce(logger, version.Model.Version, version.Model.Origin);
        await store.TrimAsync(options.Value.MaxOutcomes, cancellationToken).ConfigureAwait(false);
        return (ModelChange.Stored, version.Model);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Risk model version {Version} ({Origin}) in force")]
    private static partial void LogInForce(ILogger logger, int version, string origin);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refitted the risk model as version {Version} after {New} new outcomes ({Outcomes} fitted)")]
    private static partial void LogRefitted(ILogger logger, int version, int @new, int outcomes);
}
