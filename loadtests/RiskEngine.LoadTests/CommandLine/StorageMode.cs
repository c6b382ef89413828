namespace RiskEngine.LoadTests.CommandLine;

/// <summary>Where the servers under test keep their data, and so which baselines the run measures beside them.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<StorageMode>))]
public enum StorageMode
{
    /// <summary>One server, embedded SQLite files; the baseline is raw SQLite inserts.</summary>
    Sqlite,

    /// <summary>A cluster of servers on one PostgreSQL database; the baselines are raw binary COPY and naive per-signal state writes.</summary>
    Postgres,
}
