namespace RiskEngine.Storage.Sqlite;

/// <summary>Dispatch checkpoints in the embedded SQLite file.</summary>
public sealed class SqliteCheckpointStore(SqliteDatabase database) : IDispatchCheckpointStore
{
    public bool SharedByServers => false;

    public Task<long> ReadAsync(string owner, CancellationToken cancellationToken = default) =>
        database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT seq FROM dispatch_checkpoint WHERE owner = @owner";
            command.Parameters.AddWithValue("@owner", owner);
            return command.ExecuteScalar() is long seq ? seq : 0L;
        }, cancellationToken);

    public Task<IReadOnlyDictionary<string, long>> ReadAllAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyDictionary<string, long>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT owner, seq FROM dispatch_checkpoint";
            using var reader = command.ExecuteReader();
            var rows = new Dictionary<string, long>(StringComparer.Ordinal);
            while (reader.Read())
            {
                rows[reader.GetString(0)] = reader.GetInt64(1);
            }

            return rows;
        }, cancellationToken);

    public Task DeleteAsync(string owner, CancellationToken cancellationToken = default) =>
        database.Writer.RunAsync(1, session =>
        {
            var command = session.Command("DELETE FROM dispatch_checkpoint WHERE owner = @owner");
            command.Parameters.AddWithValue("@owner", owner);
            return command.ExecuteNonQuery();
        }, cancellationToken);

    public Task WriteAsync(string owner, long seq, CancellationToken cancellationToken = default) =>
        database.Writer.RunAsync(1, session =>
        {
            // Checkpoints only move forward, whatever order concurrent writers commit in.
            var command = session.Command(
                "INSERT INTO dispatch_checkpoint (owner, seq) VALUES (@owner, @seq) " +
                "ON CONFLICT (owner) DO UPDATE SET seq = max(seq, excluded.seq)");
            command.Parameters.AddWithValue("@owner", owner);
            command.Parameters.AddWithValue("@seq", seq);
            return command.ExecuteNonQuery();
        }, cancellationToken);

    public Task LowerAsync(string owner, long seq, CancellationToken cancellationToken = default) =>
        database.Writer.RunAsync(1, session =>
        {
            var command = session.Command("UPDATE dispatch_checkpoint SET seq = min(seq, @seq) WHERE owner = @owner");
            command.Parameters.AddWithValue("@owner", owner);
            command.Parameters.AddWithValue("@seq", seq);
            return command.ExecuteNonQuery();
        }, cancellationToken);

    /// <summary>Nothing to fence: the embedded files are open in one process at a time, so a gone run is a dead process.</summary>
    public Task FenceAsync(IReadOnlyCollection<string> owners, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
