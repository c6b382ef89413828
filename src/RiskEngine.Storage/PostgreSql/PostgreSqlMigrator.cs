using Npgsql;

namespace RiskEngine.Storage.PostgreSql;

/// <summary>
/// Brings a PostgreSQL schema (the first schema on the connection's search path) up to date: applies each numbered
/// script that is not yet recorded in schema_migrations, in version order, each in its own transaction together with
/// its record. A transaction-scoped advisory lock per schema makes servers that start together apply every script once;
/// the others wait, then find it recorded. Running it again is a no-op.
/// </summary>
public sealed class PostgreSqlMigrator
{
    private const string LockSchema = "SELECT pg_advisory_xact_lock($1, hashtext(coalesce(current_schema(), '')))";

    private const string EnsureHistory =
        "CREATE TABLE IF NOT EXISTS schema_migrations (" +
        "version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())";

    private const string FindApplied = "SELECT name, checksum FROM schema_migrations WHERE version = $1";

    private const string RecordApplied = "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)";

    private readonly NpgsqlDataSource _dataSource;
    private readonly IReadOnlyList<PostgreSqlMigration> _migrations;

    public PostgreSqlMigrator(NpgsqlDataSource dataSource)
        : this(dataSource, PostgreSqlMigration.Embedded)
    {
    }

    /// <summary>With a given set of scripts instead of the embedded ones (tests).</summary>
    internal PostgreSqlMigrator(NpgsqlDataSource dataSource, IReadOnlyList<PostgreSqlMigration> migrations)
    {
        _dataSource = dataSource;
        _migrations = migrations.OrderBy(m => m.Version).ToArray();
    }

    /// <summary>Applies what is missing; returns the scripts applied by this call (empty when already up to date).</summary>
    /// <exception cref="PostgreSqlMigrationException">A script failed (its transaction is rolled back) or was changed after it was applied.</exception>
    public async Task<IReadOnlyList<PostgreSqlMigration>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var applied = new List<PostgreSqlMigration>();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var migration in _migrations)
        {
            if (await ApplyAsync(connection, migration, cancellationToken).ConfigureAwait(false))
            {
                applied.Add(migration);
            }
        }

        return applied;
    }

    private static async Task<bool> ApplyAsync(NpgsqlConnection connection, PostgreSqlMigration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockSchema = new NpgsqlCommand(LockSchema, connection))
        {
            lockSchema.Parameters.Add(new NpgsqlParameter<int> { TypedValue = PostgreSqlAdvisoryLocks.Migrations });
            await lockSchema.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, EnsureHistory, cancellationToken).ConfigureAwait(false);

        await using (var find = new NpgsqlCommand(FindApplied, connection))
        {
            find.Parameters.Add(new NpgsqlParameter<int> { TypedValue = migration.Version });
            await using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var (name, checksum) = (reader.GetString(0), reader.GetString(1));
                return checksum == migration.Checksum
                    ? false
                    : throw new PostgreSqlMigrationException(migration.Name,
                        $"PostgreSQL schema script {migration.Name} was changed after it was applied (as {name}). " +
                        "Applied scripts are history: put the change in a new, higher-numbered script.");
            }
        }

        try
        {
            await ExecuteAsync(connection, migration.Sql, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException error)
        {
            throw new PostgreSqlMigrationException(migration.Name, DescribeFailure(migration, error), error);
        }

        await using (var record = new NpgsqlCommand(RecordApplied, connection))
        {
            record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = migration.Version });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Name });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Checksum });
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The server's complaint with whatever context it gave (detail, hint, the function it arose in).</summary>
    private static string DescribeFailure(PostgreSqlMigration migration, PostgresException error)
    {
        var context = new[] { error.Detail, error.Hint, error.Where }.Where(part => !string.IsNullOrWhiteSpace(part));
        var details = string.Join("; ", context);
        return $"PostgreSQL schema script {migration.Name} failed: {error.SqlState} {error.MessageText}" +
               (details.Length > 0 ? $" ({details})" : "") +
               ". Its transaction was rolled back; the scripts before it stay applied.";
    }
}
