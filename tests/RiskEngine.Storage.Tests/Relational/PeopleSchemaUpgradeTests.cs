using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using RiskEngine.Storage.People;
using RiskEngine.Storage.PostgreSql;
using RiskEngine.Storage.Relational;
using RiskEngine.Storage.Security;
using RiskEngine.Storage.Sqlite;
using RiskEngine.Storage.Tests.PostgreSql;

namespace RiskEngine.Storage.Tests.Relational;

/// <summary>
/// People stored before security stamps existed keep their accounts after an upgrade and get a stamp each (so their old
/// tokens, which carry none, are refused), on an older SQLite file and on a PostgreSQL schema migrated up to the migration before.
/// </summary>
public sealed class PeopleSchemaUpgradeTests
{
    /// <summary>The migration that gives people security stamps (011-security.sql).</summary>
    private const int SecurityMigration = 11;

    private const string OldPeople =
        "CREATE TABLE app_user (user_name TEXT PRIMARY KEY, display_name TEXT NOT NULL, password_hash TEXT NOT NULL, role TEXT NOT NULL, " +
        "districts TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID;";

    private const string TwoOldPeople =
        "INSERT INTO app_user (user_name, display_name, password_hash, role, districts, created_at, updated_at) VALUES " +
        "('early.officer', 'Early Officer', 'hash-1', 'officer', '420112', 1, 1), ('early.admin', 'Early Admin', 'hash-2', 'admin', '', 1, 1)";

    [Fact]
    public async Task An_older_SQLite_file_gains_the_columns_and_a_stamp_for_each_person()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("signals.db");
        await using (var old = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            await old.OpenAsync();
            await using var create = old.CreateCommand();
            create.CommandText = OldPeople + TwoOldPeople;
            await create.ExecuteNonQueryAsync();
        }

        using var log = new SqliteDatabase(path, 1000, NullLoggerFactory.Instance);
        await using var database = RelationalDatabase.ForSqlite(log.Path);

        await AssertUpgradedAsync(database);
    }

    [Fact]
    public async Task A_PostgreSQL_schema_from_before_migration_011_gives_each_person_a_stamp()
    {
        await using var schema = await PostgreSqlTestSchema.CreateAsync();
        await new PostgreSqlMigrator(schema.DataSource, PostgreSqlMigration.Embedded.Where(m => m.Version < SecurityMigration).ToArray()).MigrateAsync();
        await using (var insert = schema.DataSource.CreateCommand(TwoOldPeople))
        {
            await insert.ExecuteNonQueryAsync();
        }

        await new PostgreSqlMigrator(schema.DataSource).MigrateAsync();
        await using var database = RelationalDatabase.ForPostgreSql(schema.DataSource);

        await AssertUpgradedAsync(database);
    }

    private static async Task AssertUpgradedAsync(RelationalDatabase database)
    {
        var users = new UserStore(database, new SecurityEventLog(database, TimeProvider.System), TimeProvider.System);
        var people = (await users.ListAsync()).ToDictionary(u => u.UserName);

        Assert.Equal(("officer", "hash-1", false, false), (people["early.officer"].Role, people["early.officer"].PasswordHash, people["early.officer"].Disabled, people["early.officer"].MustChangePassword));
        Assert.All(people.Values, u => Assert.NotEqual("", u.SecurityStamp));
        Assert.NotEqual(people["early.officer"].SecurityStamp, people["early.admin"].SecurityStamp);
        Assert.True(await users.SetDisabledAsync("early.officer", true, new SecurityEvent(SecurityEventKinds.UserDisabled, "upgrade-test", "early.officer")));
    }
}
