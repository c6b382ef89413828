namespace RiskEngine.Server.Tests.Hosting;

/// <summary>
/// What a cluster-mode server of a fault or failover test runs with: PostgreSQL storage, snapshots and checkpoints
/// written every second (so a kill lands among writes), and no per-key request limit (the tests stream as fast as
/// the servers answer).
/// </summary>
public static class ClusterServerSettings
{
    public static KeyValuePair<string, string?>[] For(string connectionString, params KeyValuePair<string, string?>[] more) =>
    [
        new("Storage:Provider", "PostgreSQL"),
        new("Storage:ConnectionString", connectionString),
        new("Engine:SnapshotFlushInterval", "00:00:01"),
        new("Engine:CheckpointInterval", "00:00:01"),
        new("Ingest:RequestsPerSecond", "100000"),
        new("Ingest:RequestBurst", "100000"),
        .. more,
    ];
}
