namespace RiskEngine.Storage.Snapshots;

/// <summary>
/// Grain snapshots in the table Orleans' ADO.NET persistence uses, read and written in batches: concurrent calls share
/// round trips (PostgreSQL) or one dedicated thread and transaction (SQLite).
/// </summary>
public interface ISnapshotTable
{
    /// <summary>The stored snapshot, or null when the grain has none.</summary>
    Task<StoredSnapshot?> ReadAsync(SnapshotKey key, CancellationToken cancellationToken = default);

    /// <summary>Stores the snapshot when the guard holds; returns the new version, or null when another writer got there first.</summary>
    Task<int?> WriteAsync(SnapshotWrite write, CancellationToken cancellationToken = default);
}
