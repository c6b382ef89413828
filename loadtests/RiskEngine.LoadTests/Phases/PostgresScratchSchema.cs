using Npgsql;

namespace RiskEngine.LoadTests.Phases;

/// <summary>
/// A fresh, empty schema for one run in the given PostgreSQL database, reached through <c>Search Path</c> in the
/// connection string so the servers' and the baselines' unqualified table names land in it; dropped (with
/// everything in it) on dispose, whether the run succeeded or not.
/// </summary>
public sealed class PostgresScratchSchema : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    private PostgresScratchSchema(string adminConnectionString, string name, string connectionString)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The schema's name: lower case letters, digits and underscores only.</summary>
    public string Name { get; }

    /// <summary>The given connection string with <c>Search Path</c> set to this schema.</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// The servers' storage configuration for this schema (cluster mode), for <c>db migrate</c> and the server launches; kept out
    /// of the reports: the connection string may hold a password.
    /// </summary>
    public IReadOnlyDictionary<string, string> ServerStorage => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Storage:Provider"] = "PostgreSQL",
        ["Storage:ConnectionString"] = ConnectionString,
    };

    /// <exception cref="NpgsqlException">PostgreSQL could not be reached or refused to create the schema.</exception>
    public static async Task<PostgresScratchSchema> CreateAsync(string connectionString, string name, CancellationToken cancellationToken)
    {
        if (name.Length == 0 || name.Length > 63 || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_') || char.IsDigit(name[0]))
        {
            throw new ArgumentException($"'{name}' is not a plain schema name (a-z, 0-9, _; at most 63 characters; not starting with a digit).", nameof(name));
        }

        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {name}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var scoped = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = name };
        return new PostgresScratchSchema(admin.ConnectionString, name, scoped.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Name} CASCADE", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException error)
        {
            Console.Error.WriteLine($"Could not drop the scratch schema {Name}: {error.Message}; drop it by hand.");
        }
    }
}
