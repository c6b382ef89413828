using RiskEngine.Storage.Snapshots;
using RiskEngine.Storage.Tests.PostgreSql;
using static RiskEngine.Storage.Tests.PostgreSql.OrleansParameter;

namespace RiskEngine.Storage.Tests.Snapshots;

/// <summary>The batched table on a freshly migrated PostgreSQL schema (migration 004's orleans_grain_state).</summary>
public sealed class PostgreSqlSnapshotTableTests(MigratedSchemaFixture fixture) : SnapshotTableContract, IClassFixture<MigratedSchemaFixture>, IAsyncLifetime
{
    private readonly PostgreSqlSnapshotTable _table = new(fixture.DataSource);

    protected override ISnapshotTable Table => _table;

    protected override async Task<(byte[]? Payload, int Version)?> ReadThroughStockQueryAsync(SnapshotKey key)
    {
        var queries = await OrleansQueryRunner.LoadAsync(fixture.DataSource);
        var rows = await queries.ReadAsync("ReadFromStorageKey",
        [
            Int("GrainIdHash", 22), Long("GrainIdN0", 0), Long("GrainIdN1", 0), Int("GrainTypeHash", 11),
            Text("GrainTypeString", key.StateName), Text("GrainIdExtensionString", key.GrainKey), Text("ServiceId", key.ServiceId),
        ]);
        return rows.Count == 0 ? null : ((byte[]?)rows[0]["PayloadBinary"], (int)rows[0]["Version"]!);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _table.DisposeAsync();
}
