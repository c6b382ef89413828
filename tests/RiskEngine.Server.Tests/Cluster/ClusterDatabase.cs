using Npgsql;
using RiskEngine.Storage.PostgreSql;

namespace RiskEngine.Server.Tests.Cluster;

/// <summary>
/// A fresh, migrated PostgreSQL schema for one cluster test, reached through <c>Search Path</c>, dropped afterwards.
/// The server is the real PostgreSQL named by RISKENGINE_TEST_POSTGRES (./test.sh sets it up).
/// </summary>
public sealed class ClusterDatabase : IAsyncDisposable
{
    private const string Variable = "RISKENGINE_TEST_POSTGRES";
    private readonly string _adminConnection;
    private readonly string _schema = "c_" + Guid.NewGuid().ToString("n");

    private ClusterDatabase(string adminConnection)
    {
        _adminConnection = adminConnection;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnection) { SearchPath = _schema }.ConnectionString;
    }

    /// <summary>What the servers use: the test database with this test's schema first on the search path.</summary>
    public string ConnectionString { get; }

    public static async Task<ClusterDatabase> CreateAsync()
    {
        var connection = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set. Run the tests with ./test.sh (it starts a local PostgreSQL), or set it, e.g. " +
                $"{Variable}=\"Host=127.0.0.1;Username=riskengine;Password=...;Database=riskengine_test\".");
        }

        var database = new ClusterDatabase(connection);
        await using (var admin = NpgsqlDataSource.Create(connection))
        {
            await using var create = admin.CreateCommand($"CREATE SCHEMA {database._schema}");
            await create.ExecuteNonQueryAsync();
        }

        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await new PostgreSqlMigrator(dataSource).MigrateAsync();
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = NpgsqlDataSource.Create(_adminConnection);
        await using var drop = admin.CreateCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE");
        await drop.ExecuteNonQueryAsync();
    }
}
