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

    public bool IsPostgreSql => string.Equals(Provider, StorageProviders.PostgreSql, StringComparison.OrdinalIgnoreCase);

    public bool IsSqlite => string.Equals(Provider, StorageProviders.Sqlite, StringComparison.OrdinalIgnoreCase);

    /// <summary>Fails start-up with a clear message rather than on the first query.</summary>
    public void Validate()
    {
        if (!IsPostgreSql && !IsSqlite)
        {
            throw new InvalidOperationException($"Storage:Provider '{Provider}' is not supported; use '{StorageProviders.Sqlite}' or '{StorageProviders.PostgreSql}'.");
        }

        _ = IsPostgreSql ? RequireConnectionString() : null;
    }

    /// <summary>
    /// Connections each pool of a server may open (the engine's and Orleans' each have one) when the connection
    /// string does not say. Npgsql's default of 100 per pool lets two servers exhaust PostgreSQL's default 100.
    /// </summary>
    public int MaxPoolSize { get; set; } = 20;

    /// <summary>The connection string with <see cref="MaxPoolSize"/> applied unless it sets its own.</summary>
    public string PooledConnectionString()
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(RequireConnectionString());
        if (!RequireConnectionString().Contains("Pool Size", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxPoolSize = MaxPoolSize;
        }

        return builder.ConnectionString;
    }

    public string RequireConnectionString() =>
        string.IsNullOrWhiteSpace(ConnectionString)
            ? throw new InvalidOperationException("Storage:ConnectionString is required when Storage:Provider is PostgreSQL.")
            : ConnectionString;
}

public static class StorageProviders
{
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSQL";
}
