using Npgsql;
using RiskEngine.Grains.Dispatch;
using RiskEngine.Storage;
using RiskEngine.Storage.PostgreSql;
using RiskEngine.Storage.Relational;
using RiskEngine.Storage.Snapshots;
using RiskEngine.Storage.Sqlite;

namespace RiskEngine.Server.Hosting;

/// <summary>The engine's own stores (signal log, subject directory, checkpoints, snapshot table) in either mode.</summary>
public static class StorageComposition
{
    /// <summary>The "Storage" section, checked now: a wrong provider or a missing connection string fails start-up clearly.</summary>
    public static StorageOptions ReadStorageOptions(IConfiguration configuration)
    {
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        storage.Validate();
        return storage;
    }

    /// <summary>Cluster mode: every store on one PostgreSQL, the signal log written with binary COPY.</summary>
    internal static IServiceCollection AddClusterStorage(this IServiceCollection services, StorageOptions storage)
    {
        services.AddSingleton(_ => NpgsqlDataSource.Create(storage.PooledConnectionString()));
        services.AddSingleton<ISignalCommitListener>(sp => sp.GetRequiredService<SignalDispatcher>());
        services.AddSingleton<ISignalLog>(sp => new PostgreSqlSignalLog(
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ISignalCommitListener>(),
            storage.MaxRowsPerCommit, sp.GetRequiredService<LogRun>(), sp.GetRequiredService<ILogger<PostgreSqlSignalLog>>()));
        services.AddSingleton<ISubjectDirectory>(sp => new PostgreSqlSubjectDirectory(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IDispatchCheckpointStore, PostgreSqlCheckpointStore>();
        services.AddSingleton(sp => RelationalDatabase.ForPostgreSql(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<ISnapshotTable>(sp => new PostgreSqlSnapshotTable(sp.GetRequiredService<NpgsqlDataSource>()));
        return services;
    }

    /// <summary>Embedded mode: the log and directory in signals.db, grain snapshots in state.db, both under the data folder.</summary>
    internal static IServiceCollection AddEmbeddedStorage(this IServiceCollection services, StorageOptions storage)
    {
        var directory = storage.FullDataDirectory;
        services.AddSingleton(sp => new SqliteDatabase(
            Path.Combine(directory, "signals.db"), storage.MaxRowsPerCommit, sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<ISignalCommitListener>(sp => sp.GetRequiredService<SignalDispatcher>());
        services.AddSingleton<ISignalLog, SqliteSignalLog>();
        services.AddSingleton<ISubjectDirectory, SqliteSubjectDirectory>();
        services.AddSingleton<IDispatchCheckpointStore, SqliteCheckpointStore>();

        services.AddSingleton<ISnapshotTable>(_ => new SqliteSnapshotTable(SqliteOrleansSchema.Ensure(Path.Combine(directory, "state.db"))));

        // Opened after the log's SqliteDatabase, which creates the schema of the whole file.
        services.AddSingleton(sp =>
        {
            var log = sp.GetRequiredService<SqliteDatabase>();
            return RelationalDatabase.ForSqlite(log.Path);
        });
        return services;
    }
}
