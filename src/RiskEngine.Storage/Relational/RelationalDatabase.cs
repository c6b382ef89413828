using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace RiskEngine.Storage.Relational;

/// <summary>
/// The store of the small, low-rate tables (people, generated secrets, alerts), which read and write with the same
/// SQL on SQLite and PostgreSQL: named parameters, <c>ON CONFLICT</c>, and times as unix milliseconds.
/// SQLite's calls block their thread, so on SQLite the work runs on the thread pool, never on a grain's or a request's.
/// </summary>
public sealed class RelationalDatabase : IAsyncDisposable
{
    private readonly DbDataSource _source;
    private readonly bool _blocking;
    private readonly bool _ownsSource;

    private RelationalDatabase(DbDataSource source, bool blocking, bool ownsSource)
    {
        _source = source;
        _blocking = blocking;
        _ownsSource = ownsSource;
    }

    /// <summary>The embedded engine's SQLite file (its schema is created by <see cref="Sqlite.SqliteDatabase"/>).</summary>
    public static RelationalDatabase ForSqlite(string path)
    {
        // A default timeout of 30 s doubles as the busy timeout: writes here wait for the log writer's commit.
        var connection = new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path), Pooling = true, DefaultTimeout = 30 };
        return new RelationalDatabase(SqliteFactory.Instance.CreateDataSource(connection.ConnectionString), blocking: true, ownsSource: true);
    }

    /// <summary>The cluster's PostgreSQL database (schema by <see cref="PostgreSql.PostgreSqlMigrator"/>).</summary>
    public static RelationalDatabase ForPostgreSql(NpgsqlDataSource source) => new(source, blocking: false, ownsSource: false);

    /// <summary>True on the cluster's PostgreSQL, where a statement that SQLite does not know is sometimes needed (a table lock).</summary>
    internal bool IsPostgreSql => _source is NpgsqlDataSource;

    /// <summary>Runs <paramref name="work"/> with an open connection.</summary>
    public Task<T> RunAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default) =>
        _blocking ? Task.Run(() => RunCoreAsync(work, cancellationToken), cancellationToken) : RunCoreAsync(work, cancellationToken);

    /// <summary>Runs <paramref name="work"/> in one transaction, committed when it returns.</summary>
    public Task<T> RunInTransactionAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default) =>
        RunAsync(async (connection, ct) =>
        {
            // SQLite's non-deferred BEGIN takes the write lock up front, so a read-then-write cannot fail on upgrade.
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            var result = await work(connection, transaction, ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return result;
        }, cancellationToken);

    private async Task<T> RunCoreAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await work(connection, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsSource)
        {
            await _source.DisposeAsync().ConfigureAwait(false);
        }
    }
}
