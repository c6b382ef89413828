using Microsoft.Data.Sqlite;
using RiskEngine.Storage.Batching;

namespace RiskEngine.Storage.Snapshots;

/// <summary>
/// Snapshots in the embedded state file's <c>grain_state</c> table, the rows Orleans' ADO.NET persistence uses, with the
/// same guards as its stored queries. SQLite calls block, so reads and writes each run on a thread of their own with a
/// connection of their own (WAL lets the reader go on while the writer commits); a batch of writes is one transaction.
/// </summary>
public sealed class SqliteSnapshotTable : ISnapshotTable, IAsyncDisposable
{
    private const int MaxBatch = 1000;

    private const string Identity =
        "service_id = @service AND type_name = @type AND id_n0 = 0 AND id_n1 = 0 AND id_ext = @key AND id_ext_is_null = 0";

    private const string ReadSql = "SELECT payload, version FROM grain_state WHERE " + Identity;

    private const string UpdateSql =
        "UPDATE grain_state SET payload = @payload, version = CASE WHEN version >= 2147483647 THEN 1 ELSE version + 1 END, " +
        "modified_at = datetime('now') WHERE version = @expected AND " + Identity + " RETURNING version";

    private const string InsertSql =
        "INSERT INTO grain_state (service_id, type_name, id_n0, id_n1, id_ext, id_ext_is_null, type_hash, id_hash, payload, version, modified_at) " +
        "VALUES (@service, @type, 0, 0, @key, 0, @typeHash, @idHash, @payload, 1, datetime('now')) ON CONFLICT DO NOTHING RETURNING version";

    private readonly SqliteConnection _reader;
    private readonly SqliteConnection _writer;
    private readonly BatchQueue<SnapshotKey, StoredSnapshot?> _reads;
    private readonly BatchQueue<SnapshotWrite, int?> _writes;

    /// <param name="connectionString">The state file's connection string (see <c>SqliteOrleansSchema.Ensure</c>).</param>
    public SqliteSnapshotTable(string connectionString)
    {
        _reader = Open(connectionString);
        using (var pragma = _reader.CreateCommand())
        {
            pragma.CommandText = "PRAGMA cache_size=-65536;";
            pragma.ExecuteNonQuery();
        }

        _writer = Open(connectionString);
        _reads = BatchQueue<SnapshotKey, StoredSnapshot?>.OnDedicatedThread(ReadBatch, MaxBatch, "snapshot-reader");
        _writes = BatchQueue<SnapshotWrite, int?>.OnDedicatedThread(WriteBatch, MaxBatch, "snapshot-writer");
    }

    public Task<StoredSnapshot?> ReadAsync(SnapshotKey key, CancellationToken cancellationToken = default) =>
        _reads.EnqueueAsync(key, cancellationToken);

    public Task<int?> WriteAsync(SnapshotWrite write, CancellationToken cancellationToken = default) =>
        _writes.EnqueueAsync(write, cancellationToken);

    private static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();

        // Snapshots are a cache of the log, rebuilt by replay when lost: no fsync per commit.
        pragma.CommandText = "PRAGMA synchronous=NORMAL;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private IReadOnlyList<StoredSnapshot?> ReadBatch(IReadOnlyList<SnapshotKey> keys)
    {
        var found = new StoredSnapshot?[keys.Count];
        using var command = _reader.CreateCommand();
        command.CommandText = ReadSql;
        var service = command.Parameters.Add("@service", SqliteType.Text);
        var type = command.Parameters.Add("@type", SqliteType.Text);
        var key = command.Parameters.Add("@key", SqliteType.Text);
        command.Prepare();

        // One read transaction for the batch: the rows agree with each other, and the file's lock is taken once.
        using var transaction = _reader.BeginTransaction(deferred: true);
        command.Transaction = transaction;
        for (var i = 0; i < keys.Count; i++)
        {
            (service.Value, type.Value, key.Value) = (keys[i].ServiceId, keys[i].StateName, keys[i].GrainKey);
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                found[i] = new StoredSnapshot(reader.IsDBNull(0) ? null : (byte[])reader.GetValue(0), reader.GetInt32(1));
            }
        }

        transaction.Commit();
        return found;
    }

    private IReadOnlyList<int?> WriteBatch(IReadOnlyList<SnapshotWrite> writes)
    {
        var versions = new int?[writes.Count];
        using var transaction = _writer.BeginTransaction();
        using var update = Command(UpdateSql, transaction);
        using var insert = Command(InsertSql, transaction);
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            var command = write.ExpectedVersion is null ? insert : update;
            command.Parameters["@service"].Value = write.Key.ServiceId;
            command.Parameters["@type"].Value = write.Key.StateName;
            command.Parameters["@key"].Value = write.Key.GrainKey;
            command.Parameters["@payload"].Value = (object?)write.Payload ?? DBNull.Value;
            command.Parameters["@expected"].Value = (object?)write.ExpectedVersion ?? DBNull.Value;
            command.Parameters["@typeHash"].Value = write.TypeHash;
            command.Parameters["@idHash"].Value = write.IdHash;
            versions[i] = command.ExecuteScalar() is long version ? (int)version : null;
        }

        transaction.Commit();
        return versions;
    }

    private SqliteCommand Command(string sql, SqliteTransaction transaction)
    {
        var command = _writer.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.Parameters.Add("@service", SqliteType.Text);
        command.Parameters.Add("@type", SqliteType.Text);
        command.Parameters.Add("@key", SqliteType.Text);
        command.Parameters.Add("@payload", SqliteType.Blob);
        command.Parameters.Add("@expected", SqliteType.Integer);
        command.Parameters.Add("@typeHash", SqliteType.Integer);
        command.Parameters.Add("@idHash", SqliteType.Integer);
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        await _reads.DisposeAsync().ConfigureAwait(false);
        await _writes.DisposeAsync().ConfigureAwait(false);
        await _reader.DisposeAsync().ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
    }
}
