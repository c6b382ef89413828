using RiskEngine.Storage.Relational;
using RiskEngine.Storage.Tests.PostgreSql;

namespace RiskEngine.Storage.Tests.Relational;

/// <summary>The stores on a freshly migrated PostgreSQL schema (migration 006).</summary>
public sealed class PostgreSqlRelationalStoresTests(MigratedSchemaFixture fixture) : RelationalStoresContract, IClassFixture<MigratedSchemaFixture>
{
    protected override RelationalDatabase Database { get; } = RelationalDatabase.ForPostgreSql(fixture.DataSource);
}
