using Npgsql;
using RiskEngine.Storage.PostgreSql;

namespace RiskEngine.Storage.Tests.PostgreSql;

public sealed class PostgreSqlMigratorTests
{
    private static readonly PostgreSqlMigration CreateProbe = new(1, "001-probe.sql", "CREATE TABLE IF NOT EXISTS probe (\n    id integer PRIMARY KEY\n);\n");

    [Fact]
    public void The_embedded_scripts_are_numbered_from_one_without_gaps()
    {
        var versions = PostgreSqlMigration.Embedded.Select(m => m.Version).ToArray();

        Assert.Equal(Enumerable.Range(1, versions.Length), versions);
        Assert.All(PostgreSqlMigration.Embedded, m => Assert.EndsWith(".sql", m.Name));
    }

    [Fact]
    public async Task A_fresh_schema_gets_every_script_once_and_a_second_run_applies_nothing()
    {
        await using var schema = await PostgreSqlTestSchema.CreateAsync();
        var migrator = new PostgreSqlMigrator(schema.DataSource);

        var first = await migrator.MigrateAsync();
        var second = await migrator.MigrateAsync();

        Assert.Equal(PostgreSqlMigration.Embedded.Select(m => m.Name), first.Select(m => m.Name));
        Assert.Empty(second);
        var recorded = await ReadHistoryAsync(schema.DataSource);
        Assert.Equal(PostgreSqlMigration.Embedded.Select(m => (m.Version, m.Name, m.Checksum)), recorded);
    }

    [Fact]
    public async Task Every_script_can_be_run_again_by_hand_without_error()
    {
        await using var schema = await PostgreSqlTestSchema.CreateAsync();
        await new PostgreSqlMigrator(schema.DataSource).MigrateAsync();

        foreach (var migration in PostgreSqlMigration.Embedded)
        {
            await using var again = schema.DataSource.CreateCommand(migration.Sql);
            await again.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task Servers_migrating_at_the_same_moment_apply_each_script_once()
    {
        await using var schema = await PostgreSqlTestSchema.CreateAsync();

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new PostgreSqlMigrator(schema.DataSource).MigrateAsync())));

        Assert.Equal(PostgreSqlMigration.Embedded.Count, runs.Sum(applied => applied.Count));
        Assert.Equal(PostgreSqlMigration.Embedded.Count, (await ReadHistoryAsync(schema.DataSource)).Count);
    }

    [Fact]
    public async Task A_failing_script_is_named_rolled_back_and_leaves_the_scripts_before_it_applied()
    {
        await using var schema = await PostgreSqlTestSchema.CreateAsync();
        var broken = new PostgreSqlMigration(2, "002-broken.sql",
            "CREATE TABLE half_done (id integer);\nINSERT INTO missing_table VALUES (1);");

        var error = await Assert.ThrowsAsync<PostgreSqlMigrationException>(
            () => new PostgreSqlMigrator(schema.DataSource, [CreateProbe, broken]).MigrateAsync());

        Assert.Equal("002-broken.sql", error.ScriptName);
        Assert.Contains("002-broken.sql", error.Message);
        Assert.Contains("missing_table", error.Message);
        Assert.IsType<PostgresException>(error.InnerException);
        Assert.Equal([(1, "001-probe.sql", CreateProbe.Checksum)], await ReadHistoryAsync(schema.DataSource));
        Assert.False(await TableExistsAsync(schema.DataSource, "half_done"));
    }

    [Fact]
    public async Task A_script_changed_after_it_was_applied_is_refused()
    {
        await using var schema = await PostgreSqlTestSchema.CreateAsync();
        await new PostgreSqlMigrator(schema.DataSource, [CreateProbe]).MigrateAsync();
        var edited = CreateProbe with { Sql = CreateProbe.Sql + "\nCREATE TABLE IF NOT EXISTS other (id integer);" };

        var error = await Assert.ThrowsAsync<PostgreSqlMigrationException>(
            () => new PostgreSqlMigrator(schema.DataSource, [edited]).MigrateAsync());

        Assert.Contains("changed after it was applied", error.Message);
        Assert.False(await TableExistsAsync(schema.DataSource, "other"));
    }

    [Fact]
    public async Task Line_endings_do_not_count_as_a_change()
    {
        await using var schema = await PostgreSqlTestSchema.CreateAsync();
        await new PostgreSqlMigrator(schema.DataSource, [CreateProbe]).MigrateAsync();
        var crlf = CreateProbe with { Sql = CreateProbe.Sql.ReplaceLineEndings("\r\n") };

        Assert.Empty(await new PostgreSqlMigrator(schema.DataSource, [crlf]).MigrateAsync());
    }

    private static async Task<List<(int, string, string)>> ReadHistoryAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT version, name, checksum FROM schema_migrations ORDER BY version");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }

    private static async Task<bool> TableExistsAsync(NpgsqlDataSource dataSource, string table)
    {
        await using var command = dataSource.CreateCommand("SELECT to_regclass($1) IS NOT NULL");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = table });
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
