using RiskEngine.Grains.Dispatch;

namespace RiskEngine.Grains.Aggregates;

/// <summary>
/// One district's watermark: every signal ingested before <see cref="Current"/> is applied, so reflected in the
/// district. Each server reports how far its dispatch has applied (<see cref="SignalDispatcher.Progress"/>, sent by its
/// wall publisher); the watermark is the least progress of the busy servers, or the furthest if all are idle, and only
/// rises. It rises only while every server that may hold unapplied signals has its say:
/// <list type="bullet">
/// <item>An active server that has not reported to this activation (it just joined, or the district just activated)
/// stands the watermark still: its signals could be anywhere.</item>
/// <item>A server that stops reporting keeps its last report, however long it is quiet. Servers re-send unchanged
/// progress every second, so a quiet server is one that cannot report (stalled, overloaded, cut off), and quiet is no
/// proof that it applied anything. Forgetting it after a silence is what let the watermark pass what it held.</item>
/// <item>A server is forgotten only once membership declares it dead; what it had not applied is then replayed by a
/// survivor, and until that replay is applied (its checkpoint row is gone) the watermark stands still. A run whose row
/// is there but which membership does not list yet (a server starting) counts as gone here as it does for recovery:
/// the watermark waits a moment more than it must, never less.</item>
/// </list>
/// Membership, not a timeout, decides, because recovery acts on it: only a server declared dead has its tail replayed
/// by the survivors, whose own progress then covers those signals. Re-sending alone (with a timeout kept) would still
/// let go of a server that cannot report for a while (a long pause, a partition) and holds signals nobody else applies.
/// </summary>
public sealed class AppliedWatermark(IClusterMembershipService membership, DispatchRecovery recovery)
{
    // While a dead run's tail waits, its row is looked for again at most this often (the reports keep coming).
    private static readonly TimeSpan ReplayRecheck = TimeSpan.FromSeconds(1);

    private readonly Dictionary<SiloAddress, (DateTimeOffset AppliedThrough, bool Idle)> _servers = [];
    private MembershipVersion? _replayCheckedAt;
    private bool _awaitingReplay;
    private long _replayRecheckAt;

    /// <summary>Every signal ingested before this is applied; null until every server has had its say.</summary>
    public DateTimeOffset? Current { get; private set; }

    /// <summary>Takes one server's report; returns whether <see cref="Current"/> rose.</summary>
    public async Task<bool> AdvanceAsync(SiloAddress server, DateTimeOffset appliedThrough, bool idle)
    {
        var snapshot = membership.CurrentSnapshot;
        if (snapshot.GetSiloStatus(server) == SiloStatus.Dead)
        {
            // A late report from a server already declared dead: its tail is the survivors' now.
            return false;
        }

        _servers[server] = (appliedThrough, idle);
        foreach (var dead in _servers.Keys.Where(s => snapshot.GetSiloStatus(s) == SiloStatus.Dead).ToList())
        {
            _servers.Remove(dead);
        }

        if (snapshot.Members.Values.Any(m => MayHoldSignals(m.Status) && !_servers.ContainsKey(m.SiloAddress))
            || await AwaitsReplayAsync(snapshot))
        {
            return false;
        }

        var busy = _servers.Values.Where(s => !s.Idle).Select(s => s.AppliedThrough).ToList();
        var candidate = busy.Count > 0 ? busy.Min() : _servers.Values.Max(s => s.AppliedThrough);
        if (candidate == DateTimeOffset.MinValue || candidate <= Current)
        {
            return false;
        }

        Current = candidate;
        return true;
    }

    /// <summary>
    /// A server takes signals from when its silo is active (the API listens only after the silo has started) until it is
    /// dead; one that is shutting down may still hold some.
    /// </summary>
    private static bool MayHoldSignals(SiloStatus status) =>
        status is SiloStatus.Active or SiloStatus.ShuttingDown or SiloStatus.Stopping;

    /// <summary>
    /// Whether a gone run's tail still waits for its replay. Read again when membership moves (a death adds a run to wait
    /// for) and, while one waits, every <see cref="ReplayRecheck"/>; otherwise the last answer stands: a row of a dead
    /// run only ever goes away.
    /// </summary>
    private async Task<bool> AwaitsReplayAsync(ClusterMembershipSnapshot snapshot)
    {
        if (snapshot.Version == _replayCheckedAt && (!_awaitingReplay || Environment.TickCount64 < _replayRecheckAt))
        {
            return _awaitingReplay;
        }

        _awaitingReplay = await recovery.AwaitsReplayAsync(snapshot);
        _replayCheckedAt = snapshot.Version;
        _replayRecheckAt = Environment.TickCount64 + (long)ReplayRecheck.TotalMilliseconds;
        return _awaitingReplay;
    }
}
