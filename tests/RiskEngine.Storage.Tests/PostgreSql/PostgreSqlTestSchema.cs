using Npgsql;

namespace RiskEngine.Storage.Tests.PostgreSql;

/// <summary>
/// A fresh, empty schema on the test PostgreSQL server, with a data source whose search path points at it; dropped
/// with everything in it on dispose. The server comes from <see cref="EnvironmentVariable"/>: these tests run against
/// a real PostgreSQL and fail, never skip, when it is not configured.
/// </summary>
public sealed class PostgreSqlTestSchema : IAsyncDisposable
{
    public const string EnvironmentVariable = "RISKENGINE_TEST_POSTGRES";

    private readonly string _serverConnectionString;

    private PostgreSqlTestSchema(string serverConnectionString, string name, string connectionString)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string Name { get; }

    /// <summary>The connection string of <see cref="DataSource"/>, password included, for tests that need a data source of their own.</summary>
    public string ConnectionString { get; }

    /// <summary>Connections whose search path is this schema only: every unqualified table lives here.</summary>
    public NpgsqlDataSource DataSource { get; }

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set. The PostgreSQL storage tests need a real server and are never skipped: " +
                "as root, run eval \"$(scripts/test-postgres.sh)\" (it installs nothing; apt-get install -y postgresql first), " +
                $"or set {EnvironmentVariable} to e.g. 'Host=127.0.0.1;Username=riskengine;Password=...;Database=riskengine_test'.");

    public static async Task<PostgreSqlTestSchema> CreateAsync()
    {
        var server = ServerConnectionString;
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using (var admin = NpgsqlDataSource.Create(server))
        await using (var create = admin.CreateCommand($"CREATE SCHEMA {name}"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { SearchPath = name, MaxPoolSize = 30 };
        return new PostgreSqlTestSchema(server, name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await using var admin = NpgsqlDataSource.Create(_serverConnectionString);
        await using var drop = admin.CreateCommand($"DROP SCHEMA IF EXISTS {Name} CASCADE");
        await drop.ExecuteNonQueryAsync();
    }
}
