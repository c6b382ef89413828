using RiskEngine.Storage.PostgreSql;

namespace RiskEngine.Storage.Tests.PostgreSql;

/// <summary>One migrated schema per test class: the class's tests share it and keep apart by their own ids.</summary>
public sealed class MigratedSchemaFixture : IAsyncLifetime
{
    private PostgreSqlTestSchema? _schema;

    public PostgreSqlTestSchema Schema => _schema ?? throw new InvalidOperationException("The fixture is not initialised.");

    public Npgsql.NpgsqlDataSource DataSource => Schema.DataSource;

    /// <summary>What the first migration of the fresh schema applied.</summary>
    public IReadOnlyList<PostgreSqlMigration> FirstMigration { get; private set; } = [];

    public async Task InitializeAsync()
    {
        _schema = await PostgreSqlTestSchema.CreateAsync();
        FirstMigration = await new PostgreSqlMigrator(_schema.DataSource).MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }
}
