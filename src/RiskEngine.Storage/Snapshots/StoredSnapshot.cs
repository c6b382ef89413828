namespace RiskEngine.Storage.Snapshots;

/// <summary>A stored snapshot: its payload (null once cleared) and the version that is its ETag.</summary>
public sealed record StoredSnapshot(byte[]? Payload, int Version);
