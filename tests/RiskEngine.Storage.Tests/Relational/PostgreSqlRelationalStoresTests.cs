using RiskEngine.Storage.Relational;
using RiskEngine.Storage.Tests.PostgreSql;

namespace RiskEngine.Storage.Tests.Relational;

/// <summary>The stores on a freshly migrated PostgreSQL schema (migrations 006 and 007).</summary>
public sealed class PostgreSqlRelationalStoresTests(MigratedSchemaFixture fixture) : RelationalStoresContract, IClassFixture<MigratedSchemaFixture>
{
    protected override RelationalDatabase Database { get; } = RelationalDatabase.ForPostgreSql(fixture.DataSource);

    protected override ISubjectDirectory Directory { get; } = new RiskEngine.Storage.PostgreSql.PostgreSqlSubjectDirectory(fixture.DataSource, TimeProvider.System);
}
