namespace RiskEngine.Server.Hosting;

/// <summary>Where the engine keeps its data (section "Storage").</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>"Sqlite" (embedded, the default) or "PostgreSQL" (cluster).</summary>
    public string Provider { get; set; } = StorageProviders.Sqlite;

    /// <summary>Folder of the embedded files and the generated API key; relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The PostgreSQL connection string in cluster mode.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Upper bound of signals one group commit takes.</summary>
    public int MaxRowsPerCommit { get; set; } = 20_000;

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);
}

public static class StorageProviders
{
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSQL";
}
