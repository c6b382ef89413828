namespace RiskEngine.Storage;

/// <summary>
/// Recovery checkpoints, one row per running server (silo): the log position up to which every signal that
/// server dispatched, and every change its grains hold, is in persisted snapshots. When a server is gone,
/// replaying the log past its row restores what it held only in memory.
/// </summary>
public interface IDispatchCheckpointStore
{
    /// <summary>
    /// Whether several servers share the rows (cluster mode). When not, every row but the running one's is a run that
    /// ended; when they do, a row may belong to a server that has claimed it and is still joining the cluster.
    /// </summary>
    bool SharedByServers { get; }

    Task<long> ReadAsync(string owner, CancellationToken cancellationToken = default);

    /// <summary>Every owner's checkpoint.</summary>
    Task<IReadOnlyDictionary<string, long>> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Moves the owner's checkpoint forward (never back).</summary>
    Task WriteAsync(string owner, long seq, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves the owner's checkpoint back to <paramref name="seq"/> if it is past it: for a change that arrived from
    /// another server with a position below what the owner already wrote.
    /// </summary>
    Task LowerAsync(string owner, long seq, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stops gone runs from appending any more, waiting for appends of theirs already under way to end; call before
    /// replaying their tails. A store only one process opens at a time has nothing to fence.
    /// </summary>
    Task FenceAsync(IReadOnlyCollection<string> owners, CancellationToken cancellationToken = default);

    /// <summary>Forgets a gone owner, once its tail has been replayed.</summary>
    Task DeleteAsync(string owner, CancellationToken cancellationToken = default);
}
