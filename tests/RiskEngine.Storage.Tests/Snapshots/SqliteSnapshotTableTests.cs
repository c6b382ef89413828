using Microsoft.Data.Sqlite;
using RiskEngine.Storage.Snapshots;
using RiskEngine.Storage.Sqlite;

namespace RiskEngine.Storage.Tests.Snapshots;

/// <summary>The batched table on the embedded state file, created by the same schema step as the server's.</summary>
public sealed class SqliteSnapshotTableTests : SnapshotTableContract, IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();
    private string _connectionString = "";
    private SqliteSnapshotTable? _table;

    protected override ISnapshotTable Table => _table!;

    public Task InitializeAsync()
    {
        _connectionString = SqliteOrleansSchema.Ensure(_directory.File("state.db"));
        _table = new SqliteSnapshotTable(_connectionString);
        return Task.CompletedTask;
    }

    protected override async Task<(byte[]? Payload, int Version)?> ReadThroughStockQueryAsync(SnapshotKey key)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var text = connection.CreateCommand();
        text.CommandText = "SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'ReadFromStorageKey'";
        await using var command = connection.CreateCommand();
        command.CommandText = (string)(await text.ExecuteScalarAsync())!;
        command.Parameters.AddWithValue("@ServiceId", key.ServiceId);
        command.Parameters.AddWithValue("@GrainTypeString", key.StateName);
        command.Parameters.AddWithValue("@GrainIdN0", 0L);
        command.Parameters.AddWithValue("@GrainIdN1", 0L);
        command.Parameters.AddWithValue("@GrainIdExtensionString", key.GrainKey);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.IsDBNull(0) ? null : (byte[])reader.GetValue(0), reader.GetInt32(1)) : null;
    }

    public async Task DisposeAsync()
    {
        await _table!.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
