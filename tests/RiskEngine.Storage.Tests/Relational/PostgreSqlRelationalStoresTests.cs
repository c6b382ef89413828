using Npgsql;
using RiskEngine.Storage.Relational;
using RiskEngine.Storage.Tests.PostgreSql;

namespace RiskEngine.Storage.Tests.Relational;

/// <summary>The stores on a freshly migrated PostgreSQL schema (every migration).</summary>
public sealed class PostgreSqlRelationalStoresTests(MigratedSchemaFixture fixture) : RelationalStoresContract, IClassFixture<MigratedSchemaFixture>, IAsyncDisposable
{
    private readonly NpgsqlDataSource _secondPool = NpgsqlDataSource.Create(fixture.Schema.ConnectionString);

    protected override RelationalDatabase Database { get; } = RelationalDatabase.ForPostgreSql(fixture.DataSource);

    protected override RelationalDatabase SecondDatabase => RelationalDatabase.ForPostgreSql(_secondPool);

    protected override ISubjectDirectory Directory { get; } = new RiskEngine.Storage.PostgreSql.PostgreSqlSubjectDirectory(fixture.DataSource, TimeProvider.System);

    public ValueTask DisposeAsync() => _secondPool.DisposeAsync();
}
