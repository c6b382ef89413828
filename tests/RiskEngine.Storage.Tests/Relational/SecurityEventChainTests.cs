using Microsoft.Extensions.Logging.Abstractions;
using RiskEngine.Storage.PostgreSql;
using RiskEngine.Storage.Relational;
using RiskEngine.Storage.Security;
using RiskEngine.Storage.Sqlite;
using RiskEngine.Storage.Tests.PostgreSql;

namespace RiskEngine.Storage.Tests.Relational;

/// <summary>The security audit's chain finds rows changed or removed behind its back, on each real store, and a re-anchor lets it go on.</summary>
public sealed class SecurityEventChainTests
{
    [Theory]
    [InlineData("UPDATE security_event SET detail = 'nothing to see' WHERE seq = 3", 3, "changed")]
    [InlineData("DELETE FROM security_event WHERE seq = 2", 3, "missing")]
    [InlineData("DELETE FROM security_event WHERE seq = 1", 2, "removed")]
    [InlineData("UPDATE security_event SET previous_hash = hash WHERE seq = 4", 4, "previous hash")]
    public async Task A_tampered_chain_is_found_on_SQLite_and_a_reanchor_lets_it_go_on(string tampering, long brokenAt, string reason)
    {
        using var directory = new TemporaryDirectory();
        using var log = new SqliteDatabase(directory.File("signals.db"), 1000, NullLoggerFactory.Instance);
        await using var database = RelationalDatabase.ForSqlite(log.Path);

        await TamperAndReanchorAsync(database, tampering, brokenAt, reason);
    }

    [Theory]
    [InlineData("UPDATE security_event SET actor = 'someone else' WHERE seq = 3", 3, "changed")]
    [InlineData("DELETE FROM security_event WHERE seq = 2", 3, "missing")]
    public async Task A_tampered_chain_is_found_on_PostgreSQL_and_a_reanchor_lets_it_go_on(string tampering, long brokenAt, string reason)
    {
        await using var schema = await PostgreSqlTestSchema.CreateAsync();
        await new PostgreSqlMigrator(schema.DataSource).MigrateAsync();
        await using var database = RelationalDatabase.ForPostgreSql(schema.DataSource);

        await TamperAndReanchorAsync(database, tampering, brokenAt, reason);
    }

    private static async Task TamperAndReanchorAsync(RelationalDatabase database, string tampering, long brokenAt, string reason)
    {
        var audit = new SecurityEventLog(database, TimeProvider.System);
        for (var i = 1; i <= 5; i++)
        {
            await audit.AppendAsync([new SecurityEvent(SecurityEventKinds.LoginSucceeded, "person-" + i, "person-" + i, "198.51.100." + i, "viewer")]);
        }

        Assert.Null(await audit.VerifyAsync());

        await database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = tampering;
            return await command.ExecuteNonQueryAsync(ct);
        });

        var broken = await audit.VerifyAsync();
        Assert.NotNull(broken);
        Assert.Equal(brokenAt, broken.Seq);
        Assert.Contains(reason, broken.Reason, StringComparison.Ordinal);

        await audit.AppendAsync([new SecurityEvent(SecurityEventKinds.ChainReanchored, "test", null, null, "broken " + broken)]);
        await audit.AppendAsync([new SecurityEvent(SecurityEventKinds.LoginFailed, "person-6", "person-6", "198.51.100.6", "wrong password")]);
        Assert.Null(await audit.VerifyAsync());
    }
}
