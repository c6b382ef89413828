using Microsoft.Extensions.Logging;
using RiskEngine.Storage;

namespace RiskEngine.Grains.Dispatch;

/// <summary>
/// Replays the log tail a gone server may have held only in memory. Each server run owns a checkpoint row
/// (see <see cref="CheckpointWriter"/>). At start, and whenever membership reports a silo dead, the leader
/// (the lowest active silo) replays everything past the lowest row of the gone owners, then deletes those rows.
/// Grains drop positions they already applied, so replaying more than needed, or twice, is harmless.
/// </summary>
public sealed partial class DispatchRecovery(
    ISignalLog log,
    IDispatchCheckpointStore checkpoints,
    SignalDispatcher dispatcher,
    IngestAdmission admission,
    ILocalSiloDetails silo,
    IClusterMembershipService membership,
    LogRun run,
    TimeProvider clock,
    ILogger<DispatchRecovery> logger)
{
    private const int PageSize = 5000;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>This run's checkpoint row: the silo address, unique per start.</summary>
    public string Owner { get; } = silo.SiloAddress.ToParsableString();

    /// <summary>
    /// Claims this run's row at the current log head before anything is dispatched: positions at or below it
    /// are covered by the rows of earlier runs until <see cref="RecoverGoneAsync"/> has replayed them.
    /// </summary>
    public async Task ClaimAsync(CancellationToken cancellationToken)
    {
        var head = await log.ReadHeadAsync(cancellationToken).ConfigureAwait(false);
        await checkpoints.WriteAsync(Owner, head, cancellationToken).ConfigureAwait(false);
        run.Claimed(Owner);
    }

    /// <summary>Replays past the rows of owners no longer in the cluster; returns how many signals it re-dispatched.</summary>
    public async Task<long> RecoverGoneAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var rows = await checkpoints.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            var gone = Gone(rows, membership.CurrentSnapshot).ToArray();
            if (gone.Length == 0)
            {
                return 0;
            }

            // First stop the gone runs from appending (a frozen server may still wake): whatever they committed is then
            // below the head the replay reads, and nothing they commit later can be acknowledged.
            await checkpoints.FenceAsync(gone.Select(r => r.Key).ToArray(), cancellationToken).ConfigureAwait(false);
            var from = gone.Min(r => r.Value);
            var replayed = await ReplayAsync(from, cancellationToken).ConfigureAwait(false);
            foreach (var (owner, _) in gone)
            {
                await checkpoints.DeleteAsync(owner, cancellationToken).ConfigureAwait(false);
            }

            LogRecovered(logger, gone.Length, from, replayed);
            return replayed;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>
    /// Whether the tail of a run no longer in <paramref name="snapshot"/> still waits to be replayed: its row is there until
    /// <see cref="RecoverGoneAsync"/> has replayed it and seen the replay applied. A run that never claimed a row never
    /// dispatched anything.
    /// </summary>
    public async Task<bool> AwaitsReplayAsync(ClusterMembershipSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        var rows = await checkpoints.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        return Gone(rows, snapshot).Any();
    }

    /// <summary>Watches membership; when a silo dies, the leader among the survivors replays its tail.</summary>
    public async Task WatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var active = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToArray();
                var someoneDied = snapshot.Members.Values.Any(m => m.Status == SiloStatus.Dead);
                if (someoneDied && active.Length > 0 && active.Min()!.Equals(silo.SiloAddress))
                {
                    try
                    {
                        await RecoverGoneAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception error) when (error is not OperationCanceledException)
                    {
                        // The gone rows stay, so the next membership change or start tries again.
                        LogRecoveryFailed(logger, error);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    // A server claims its row before its silo joins the cluster, and joining may take a while on a busy machine: a row
    // of a run the membership does not know yet is that run's own until long after any join would have finished.
    private static readonly TimeSpan JoinGrace = TimeSpan.FromMinutes(10);

    // Orleans numbers a silo's generation in seconds from this date, so a run's name tells when it started.
    private static readonly DateTimeOffset GenerationEpoch = new(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The rows of runs that have ended, this run excepted: those <paramref name="snapshot"/> lists as dead, and those it
    /// does not list at all once they are too old to be still joining. When the rows are not shared (embedded mode) every
    /// other run has ended. Fencing a run still joining would stop its appends, and deleting its row would leave its
    /// changes with no checkpoint.
    /// </summary>
    private IEnumerable<KeyValuePair<string, long>> Gone(IReadOnlyDictionary<string, long> rows, ClusterMembershipSnapshot snapshot)
    {
        var members = snapshot.Members.Values.ToDictionary(m => m.SiloAddress.ToParsableString(), m => m.Status, StringComparer.Ordinal);
        return rows.Where(r => r.Key != Owner && (members.TryGetValue(r.Key, out var status)
            ? status == SiloStatus.Dead
            : !checkpoints.SharedByServers || StartedBefore(r.Key, clock.GetUtcNow() - JoinGrace)));
    }

    private static bool StartedBefore(string run, DateTimeOffset moment)
    {
        try
        {
            return GenerationEpoch.AddSeconds(SiloAddress.FromParsableString(run).Generation) < moment;
        }
        catch (Exception error) when (error is FormatException or ArgumentException or IndexOutOfRangeException)
        {
            // Not a silo's name: no server of the cluster can be running as it.
            return true;
        }
    }

    private async Task<long> ReplayAsync(long from, CancellationToken cancellationToken)
    {
        var head = await log.ReadHeadAsync(cancellationToken).ConfigureAwait(false);
        LogStarting(logger, from, head);
        long replayed = 0;
        var after = from;
        while (after < head)
        {
            // A replay is a producer like any other: it waits for the room ingest is admitted by, so while it runs the
            // API refuses rather than queues, and the backlog stays bounded.
            await admission.WaitForRoomAsync(cancellationToken).ConfigureAwait(false);
            var read = await log.ReadAfterAsync(after, PageSize, cancellationToken).ConfigureAwait(false);

            // Only up to the head read at start: later positions were dispatched when they were committed.
            var page = read.Where(s => s.Seq <= head).ToArray();
            if (page.Length == 0)
            {
                break;
            }

            dispatcher.OnCommitted(page);
            replayed += page.Length;
            after = page[^1].Seq;
            LogProgress(logger, replayed, after, head);
        }

        await dispatcher.WaitIdleAsync(cancellationToken).ConfigureAwait(false);
        return replayed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovery: replaying the log after {From} (head {Head})")]
    private static partial void LogStarting(ILogger logger, long from, long head);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovery: {Replayed} signals re-dispatched, at {Seq} of {Head}")]
    private static partial void LogProgress(ILogger logger, long replayed, long seq, long head);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovery: tail of {Owners} gone server run(s) replayed from {From}: {Replayed} signals")]
    private static partial void LogRecovered(ILogger logger, int owners, long from, long replayed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recovery of a gone server's tail failed; it will be retried")]
    private static partial void LogRecoveryFailed(ILogger logger, Exception error);
}
