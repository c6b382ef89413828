namespace RiskEngine.Storage.Snapshots;

/// <summary>
/// A snapshot to store, guarded by the version the writer last saw (null: the writer saw no record and the row must not
/// exist yet). A null payload clears the record but keeps its version sequence.
/// </summary>
public sealed record SnapshotWrite(SnapshotKey Key, byte[]? Payload, int? ExpectedVersion, int TypeHash, int IdHash);
