using Npgsql;

namespace RiskEngine.Storage.PostgreSql;

/// <summary>Recovery checkpoints on PostgreSQL, one row per server run, shared by all servers of a cluster.</summary>
public sealed class PostgreSqlCheckpointStore(NpgsqlDataSource dataSource) : IDispatchCheckpointStore
{
    public bool SharedByServers => true;

    public async Task<long> ReadAsync(string owner, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT seq FROM dispatch_checkpoint WHERE owner = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long seq ? seq : 0L;
    }

    public async Task<IReadOnlyDictionary<string, long>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT owner, seq FROM dispatch_checkpoint");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows[reader.GetString(0)] = reader.GetInt64(1);
        }

        return rows;
    }

    public async Task WriteAsync(string owner, long seq, CancellationToken cancellationToken = default)
    {
        // Checkpoints only move forward, whatever order concurrent writers commit in.
        await using var command = dataSource.CreateCommand(
            "INSERT INTO dispatch_checkpoint AS c (owner, seq) VALUES ($1, $2) " +
            "ON CONFLICT (owner) DO UPDATE SET seq = greatest(c.seq, excluded.seq)");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = seq });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task LowerAsync(string owner, long seq, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("UPDATE dispatch_checkpoint SET seq = least(seq, $2) WHERE owner = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = seq });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task FenceAsync(IReadOnlyCollection<string> owners, CancellationToken cancellationToken = default)
    {
        // Waits for the runs' appends holding their rows: a frozen server's transaction is ended by its session's
        // timeouts (see PostgreSqlSignalWriter), well within this statement's.
        await using var command = dataSource.CreateCommand("UPDATE dispatch_checkpoint SET fenced = true WHERE owner = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = owners.ToArray() });
        command.CommandTimeout = 120;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string owner, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM dispatch_checkpoint WHERE owner = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
