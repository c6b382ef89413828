namespace RiskEngine.Storage;

/// <summary>
/// Remembers the log position up to which every signal is reflected in persisted grain snapshots,
/// so recovery replays only the tail of the log.
/// </summary>
public interface IDispatchCheckpointStore
{
    Task<long> ReadAsync(string owner, CancellationToken cancellationToken = default);

    Task WriteAsync(string owner, long seq, CancellationToken cancellationToken = default);
}
