using Npgsql;
using NpgsqlTypes;
using RiskEngine.Storage.Batching;

namespace RiskEngine.Storage.Snapshots;

/// <summary>
/// Snapshots in <c>orleans_grain_state</c> (migration 004), the rows Orleans' ADO.NET persistence reads and writes, with
/// the same guards as its stored queries; but one statement reads or writes a whole batch of grains, so a burst of
/// activations or write-behinds costs a few round trips instead of one each.
/// </summary>
public sealed class PostgreSqlSnapshotTable : ISnapshotTable, IAsyncDisposable
{
    private const int MaxBatch = 1000;

    // Every key probes the identity index on its own (LATERAL ... LIMIT 1 is never flattened into a join). A plain join
    // leaves the plan to the table's statistics, and a table that grew since it was last analysed (any fresh cluster's,
    // for its first minutes) was planned as a walk over every row per batch: 2.8 s per 1000-row write at 40k rows.
    // Joined on the identity the provider uses for string keys: both numeric parts zero, the whole key in id_ext.
    private const string ReadSql =
        "SELECT k.ord, g.payload, g.version " +
        "  FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS k(service_id, type_name, id_ext, ord) " +
        "  CROSS JOIN LATERAL (SELECT s.payload, s.version FROM orleans_grain_state s " +
        "   WHERE s.service_id = k.service_id AND s.type_name = k.type_name AND s.id_n0 = 0 AND s.id_n1 = 0 AND s.id_ext = k.id_ext " +
        "   LIMIT 1) g";

    // As WriteToStorageKey, row by row: with an expected version update only the row still at it; without one insert
    // only if no row exists. The rows that changed come back with their new version; a missing row is a conflict.
    // The rows to update are found by an index probe per key (as in ReadSql) and updated by their physical address;
    // a row another writer changed in between no longer matches that address and comes back as a conflict.
    private const string WriteSql =
        "WITH input AS (" +
        "  SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::bytea[], $6::int[], $7::int[], $8::int[]) " +
        "    AS t(ord, service_id, type_name, id_ext, payload, expected, type_hash, id_hash)), " +
        "targets AS (" +
        "  SELECT i.ord, i.payload, r.row_address FROM input i " +
        "  CROSS JOIN LATERAL (SELECT g.ctid AS row_address FROM orleans_grain_state g " +
        "   WHERE g.service_id = i.service_id AND g.type_name = i.type_name AND g.id_n0 = 0 AND g.id_n1 = 0 AND g.id_ext = i.id_ext " +
        "     AND g.version = i.expected LIMIT 1) r " +
        "  WHERE i.expected IS NOT NULL), " +
        "updated AS (" +
        "  UPDATE orleans_grain_state g SET payload = t.payload, version = orleans_next_version(g.version), modified_at = now() " +
        "    FROM targets t WHERE g.ctid = t.row_address " +
        "  RETURNING t.ord, g.version), " +
        "inserted AS (" +
        "  INSERT INTO orleans_grain_state (service_id, type_name, id_n0, id_n1, id_ext, type_hash, id_hash, payload, version) " +
        "  SELECT service_id, type_name, 0, 0, id_ext, type_hash, id_hash, payload, 1 FROM input WHERE expected IS NULL ORDER BY ord " +
        "  ON CONFLICT ON CONSTRAINT orleans_grain_state_identity DO NOTHING " +
        "  RETURNING service_id, type_name, id_ext, version) " +
        "SELECT ord, version FROM updated " +
        "UNION ALL " +
        "SELECT i.ord, n.version FROM inserted n JOIN input i ON i.service_id = n.service_id AND i.type_name = n.type_name AND i.id_ext = n.id_ext";

    private readonly NpgsqlDataSource _dataSource;
    private readonly BatchQueue<SnapshotKey, StoredSnapshot?> _reads;
    private readonly BatchQueue<SnapshotWrite, int?> _writes;

    public PostgreSqlSnapshotTable(NpgsqlDataSource dataSource, int concurrentBatches = 4)
    {
        _dataSource = dataSource;
        _reads = BatchQueue<SnapshotKey, StoredSnapshot?>.Asynchronous(ReadBatchAsync, MaxBatch, concurrentBatches);
        _writes = BatchQueue<SnapshotWrite, int?>.Asynchronous(WriteBatchAsync, MaxBatch, concurrentBatches);
    }

    public Task<StoredSnapshot?> ReadAsync(SnapshotKey key, CancellationToken cancellationToken = default) =>
        _reads.EnqueueAsync(key, cancellationToken);

    public Task<int?> WriteAsync(SnapshotWrite write, CancellationToken cancellationToken = default) =>
        _writes.EnqueueAsync(write, cancellationToken);

    private async Task<IReadOnlyList<StoredSnapshot?>> ReadBatchAsync(IReadOnlyList<SnapshotKey> keys, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(ReadSql);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = keys.Select(k => k.ServiceId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = keys.Select(k => k.StateName).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = keys.Select(k => k.GrainKey).ToArray() });
        var found = new StoredSnapshot?[keys.Count];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var index = (int)reader.GetInt64(0) - 1;
            found[index] = new StoredSnapshot(reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1), reader.GetInt32(2));
        }

        return found;
    }

    private async Task<IReadOnlyList<int?>> WriteBatchAsync(IReadOnlyList<SnapshotWrite> writes, CancellationToken cancellationToken)
    {
        var versions = new int?[writes.Count];
        foreach (var round in SnapshotRounds.Of(writes))
        {
            await using var command = _dataSource.CreateCommand(WriteSql);
            command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = round.ToArray() });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = round.Select(i => writes[i].Key.ServiceId).ToArray() });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = round.Select(i => writes[i].Key.StateName).ToArray() });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = round.Select(i => writes[i].Key.GrainKey).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea, Value = round.Select(i => writes[i].Payload).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, Value = round.Select(i => writes[i].ExpectedVersion).ToArray() });
            command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = round.Select(i => writes[i].TypeHash).ToArray() });
            command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = round.Select(i => writes[i].IdHash).ToArray() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                versions[reader.GetInt32(0)] = reader.GetInt32(1);
            }
        }

        return versions;
    }

    public async ValueTask DisposeAsync()
    {
        await _reads.DisposeAsync().ConfigureAwait(false);
        await _writes.DisposeAsync().ConfigureAwait(false);
    }
}
