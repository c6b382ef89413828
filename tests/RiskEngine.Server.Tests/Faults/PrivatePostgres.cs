using Npgsql;
using RiskEngine.Server.Hosting;
using RiskEngine.Storage.PostgreSql;

namespace RiskEngine.Server.Tests.Faults;

/// <summary>
/// A PostgreSQL server of this test's own (Debian's binaries, a fresh data folder, a free loopback port), migrated,
/// that the test may stop and start: stopping the shared test server would break every other test running beside it.
/// Runs the server as the postgres user (it refuses root); needs Debian's postgresql package, as the other PostgreSQL
/// tests do, and fails when it is missing, never skips.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private const string Role = "riskengine";
    private readonly string _bin;
    private readonly string _folder;
    private readonly int _port;

    private PrivatePostgres(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        _port = port;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username={Role};Database=postgres;SSL Mode=Disable;Timeout=3;Command Timeout=10";
    }

    public string ConnectionString { get; }

    private string DataDirectory => Path.Combine(_folder, "data");

    public static async Task<PrivatePostgres> StartAsync()
    {
        var versions = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Order().ToArray() : [];
        Assert.True(versions.Length > 0, "Debian's postgresql package is not installed (apt-get install -y postgresql)");
        var folder = Path.Combine("/tmp", "riskengine-private-pg-" + Guid.NewGuid().ToString("n")[..12]);
        Directory.CreateDirectory(folder);
        await ExternalCommand.RunOrFailAsync("chown", "postgres:postgres", folder);
        var postgres = new PrivatePostgres(Path.Combine(versions[^1], "bin"), folder, FreePort.Pick());
        await postgres.RunAsPostgresAsync("initdb", "-D", postgres.DataDirectory, "-U", Role, "--auth=trust", "-E", "UTF8", "--no-sync");
        await postgres.StartServerAsync();
        await using (var dataSource = NpgsqlDataSource.Create(postgres.ConnectionString))
        {
            await new PostgreSqlMigrator(dataSource).MigrateAsync();
        }

        return postgres;
    }

    /// <summary>Stops the server at once (fast shutdown: every session is cut).</summary>
    public Task StopAsync() => RunAsPostgresAsync("pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "stop");

    public Task StartServerAsync() => RunAsPostgresAsync(
        "pg_ctl", "-D", DataDirectory, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60",
        "-o", $"-p {_port} -c listen_addresses=127.0.0.1 -k {_folder} -c max_connections=200 -c fsync=off", "start");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunAsPostgresAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "stop").ContinueWith(_ => { });
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Task RunAsPostgresAsync(string program, params string[] arguments) =>
        ExternalCommand.RunOrFailAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, program), .. arguments]);
}
