using Microsoft.Extensions.Logging.Abstractions;
using RiskEngine.Storage.PostgreSql;
using RiskEngine.Storage.Sqlite;

namespace RiskEngine.Server.Hosting;

/// <summary>Creates or upgrades the schema of the configured store.</summary>
public static class StorageSetup
{
    /// <summary>Returns a short description of what was done.</summary>
    public static Task<string> MigrateAsync(StorageOptions storage, CancellationToken cancellationToken)
    {
        if (string.Equals(storage.Provider, StorageProviders.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            using (new SqliteDatabase(Path.Combine(storage.FullDataDirectory, "signals.db"), storage.MaxRowsPerCommit, NullLoggerFactory.Instance))
            {
            }

            SqliteOrleansSchema.Ensure(Path.Combine(storage.FullDataDirectory, "state.db"));
            return Task.FromResult($"SQLite files in {storage.FullDataDirectory}");
        }

        storage.Validate();
        return MigratePostgreSqlAsync(storage.RequireConnectionString(), cancellationToken);
    }

    private static async Task<string> MigratePostgreSqlAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString);
        var applied = await new PostgreSqlMigrator(dataSource).MigrateAsync(cancellationToken);
        return applied.Count == 0 ? "PostgreSQL, nothing to apply" : $"PostgreSQL, applied {string.Join(", ", applied.Select(m => m.Name))}";
    }
}
