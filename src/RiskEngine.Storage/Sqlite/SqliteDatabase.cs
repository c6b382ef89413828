using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using RiskEngine.Storage.Batching;
using RiskEngine.Storage.Schema;

namespace RiskEngine.Storage.Sqlite;

/// <summary>
/// The embedded store's SQLite file: schema on first start, one group-commit writer, pooled readers, and one lookup
/// lane. Readers run on the thread pool so a grain turn or a request thread never blocks on SQLite; the small reads
/// every activating subject makes (its registration, its log tail) go through the lookup lane instead: one thread and
/// one long-lived connection with a large page cache, a read transaction per batch.
/// </summary>
public sealed class SqliteDatabase : IDisposable, IAsyncDisposable
{
    private const int MaxLookupsPerBatch = 1000;

    private readonly string _readConnectionString;
    private readonly Lazy<(SqliteConnection Connection, BatchQueue<Func<SqliteConnection, object?>, LookupOutcome> Queue)> _lookups;

    public SqliteDatabase(string path, int maxRowsPerCommit, ILoggerFactory loggerFactory)
    {
        Path = System.IO.Path.GetFullPath(path);
        PrivateDirectory.Create(System.IO.Path.GetDirectoryName(Path)!);
        var builder = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true };
        Writer = new SqliteGroupCommitWriter(builder.ConnectionString, maxRowsPerCommit, loggerFactory.CreateLogger<SqliteGroupCommitWriter>());
        _readConnectionString = new SqliteConnectionStringBuilder(builder.ConnectionString) { Mode = SqliteOpenMode.ReadOnly }.ConnectionString;
        EnsureSchema();
        Counter.Seed(Read(CountSubjectsByDistrict));
        _lookups = new(StartLookupLane);
    }

    public string Path { get; }

    public SqliteGroupCommitWriter Writer { get; }

    public DistrictSubjectCounter Counter { get; } = new();

    /// <summary>Registrations read from the file, kept until a writer changes them.</summary>
    public RegistrationCache Registrations { get; } = new(4_000_000);

    /// <summary>Runs a read on the thread pool with a pooled read-only connection.</summary>
    public Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken = default) =>
        Task.Run(() => Read(read), cancellationToken);

    /// <summary>Runs a small read in the lookup lane, batched with the others waiting there.</summary>
    public async Task<T> LookupAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken = default)
    {
        var outcome = await _lookups.Value.Queue.EnqueueAsync(connection => read(connection), cancellationToken).ConfigureAwait(false);
        if (outcome.Error is { } error)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }

        return (T)outcome.Value!;
    }

    private (SqliteConnection, BatchQueue<Func<SqliteConnection, object?>, LookupOutcome>) StartLookupLane()
    {
        var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            // 64 MiB of page cache: lookups by key touch the same upper index pages over and over. (Memory-mapping the file
            // measured slower: SQLite re-initialises a mapped page on every fetch.)
            pragma.CommandText = "PRAGMA cache_size=-65536;";
            pragma.ExecuteNonQuery();
        }

        var queue = BatchQueue<Func<SqliteConnection, object?>, LookupOutcome>.OnDedicatedThread(reads =>
        {
            var outcomes = new LookupOutcome[reads.Count];
            using var transaction = connection.BeginTransaction(deferred: true);
            for (var i = 0; i < reads.Count; i++)
            {
                try
                {
                    outcomes[i] = new LookupOutcome(reads[i](connection), null);
                }
                catch (Exception error)
                {
                    // One bad read fails only its caller.
                    outcomes[i] = new LookupOutcome(null, error);
                }
            }

            transaction.Commit();
            return outcomes;
        }, MaxLookupsPerBatch, "sqlite-lookups");
        return (connection, queue);
    }

    private T Read<T>(Func<SqliteConnection, T> read)
    {
        using var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        return read(connection);
    }

    private void EnsureSchema()
    {
        var script = SchemaScripts.Read("Sqlite/signals.sql");
        Writer.RunAsync(1, session =>
        {
            session.Command(script).ExecuteNonQuery();
            foreach (var (table, column, definition) in AddedColumns)
            {
                using var find = session.Command("SELECT count(*) FROM pragma_table_info($table) WHERE name = $column");
                find.Parameters.AddWithValue("$table", table);
                find.Parameters.AddWithValue("$column", column);
                if ((long)find.ExecuteScalar()! == 0)
                {
                    session.Command($"ALTER TABLE {table} ADD COLUMN {column} {definition}").ExecuteNonQuery();
                }
            }

            // People from before security stamps get one, so tokens issued before (which carry none) stop working.
            session.Command("UPDATE app_user SET security_stamp = lower(hex(randomblob(16))) WHERE security_stamp = ''").ExecuteNonQuery();
            return true;
        }).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Columns added to a table after its first release: <c>CREATE TABLE IF NOT EXISTS</c> leaves an older file's table as
    /// it was, so each is added here when missing (the script's own definitions carry them for a new file).
    /// </summary>
    private static readonly (string Table, string Column, string Definition)[] AddedColumns =
    [
        ("app_user", "security_stamp", "TEXT NOT NULL DEFAULT ''"),
        ("app_user", "disabled", "INTEGER NOT NULL DEFAULT 0"),
        ("app_user", "must_change_password", "INTEGER NOT NULL DEFAULT 0"),
    ];

    private static List<KeyValuePair<string, long>> CountSubjectsByDistrict(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT district, count(*) FROM subject GROUP BY district";
        using var reader = command.ExecuteReader();
        var counts = new List<KeyValuePair<string, long>>();
        while (reader.Read())
        {
            counts.Add(new(reader.GetString(0), reader.GetInt64(1)));
        }

        return counts;
    }

    /// <summary>How the host disposes it: the lookup lane's thread is awaited, not waited on.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_lookups.IsValueCreated)
        {
            await _lookups.Value.Queue.DisposeAsync().ConfigureAwait(false);
            _lookups.Value.Connection.Dispose();
        }

        Writer.Dispose();
    }

    /// <summary>
    /// For short-lived users (the migrate and users commands, tests). Nothing here waits on the lookup lane: it is told to
    /// stop, and its connection is closed once its thread has finished what it was given.
    /// </summary>
    public void Dispose()
    {
        if (_lookups.IsValueCreated)
        {
            var (connection, queue) = _lookups.Value;
            _ = queue.DisposeAsync().AsTask().ContinueWith(_ => connection.Dispose(), CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        Writer.Dispose();
    }

    private readonly record struct LookupOutcome(object? Value, Exception? Error);
}
