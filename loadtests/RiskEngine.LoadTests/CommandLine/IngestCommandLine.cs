using System.Text;
using RiskEngine.LoadTests.Hosting;

namespace RiskEngine.LoadTests.CommandLine;

/// <summary>The options of <c>ingest</c>: their ranges, defaults, help text and parsing.</summary>
public static class IngestCommandLine
{
    public const string Command = "ingest";

    public static readonly IntegerOption Seconds = new("seconds", 1, 3600, 20,
        "measured seconds of each side (engine over HTTP, and each baseline)");

    public static readonly IntegerOption Warmup = new("warmup", 0, 600, 3,
        "unmeasured seconds before each side's measurement");

    public static readonly IntegerOption Batch = new("batch", 1, 20_000, 500,
        "signals per request, and rows per raw SQLite transaction or COPY");

    public static readonly IntegerOption Clients = new("clients", 1, 256, 8,
        "concurrent HTTP clients");

    public static readonly IntegerOption Entities = new("entities", 1, 3_000_000, 20_000,
        "entities registered first; signals name them");

    public static readonly IntegerOption Verify = new("verify", 0, 10_000_000, 50_000,
        "acknowledged signals re-posted afterwards; each must come back a duplicate");

    /// <summary>
    /// Servers to start, or a list of counts to run one after the other on the same PostgreSQL (each on a fresh schema),
    /// so one run shows how the cluster scales; its default depends on --storage (1 for SQLite, 2 for PostgreSQL).
    /// </summary>
    public static readonly IntegerListOption Servers = new("servers", 1, 8,
        "server processes; more than 1, or a list (e.g. 1,2,3: each count in turn on a fresh schema), needs --storage postgres (default 1 for sqlite, 2 for postgres)");

    /// <summary>Where the default PostgreSQL connection string comes from.</summary>
    public const string PostgresEnvironmentVariable = "RISKENGINE_TEST_POSTGRES";

    private const string StorageOption = "storage";
    private const string PostgresOption = PostgresConnectionOption.Name;
    private const int DefaultPostgresServers = 2;
    private const string ServerDllOption = "server-dll";
    private const string OutOption = "out";

    private static readonly IntegerOption[] Numeric = [Seconds, Warmup, Batch, Clients, Entities, Verify];

    /// <summary>True when the arguments ask for help (<c>-h</c>, <c>--help</c>), wherever it appears.</summary>
    public static bool AsksForHelp(IEnumerable<string> arguments) =>
        arguments.Any(a => a is "-h" or "--help" or "-?");

    public static string Help(RepositoryLayout? repository)
    {
        var text = new StringBuilder();
        text.AppendLine("Usage: dotnet run -c Release --project loadtests/RiskEngine.LoadTests -- ingest [options]");
        text.AppendLine();
        text.AppendLine("Starts the Release server (or, with --storage postgres, a cluster of them) on free loopback ports, registers entities,");
        text.AppendLine("posts batches of signals from concurrent clients and counts what is acknowledged as durable;");
        text.AppendLine("re-posts a sample to prove nothing acknowledged was lost (and, after kill -9, reads the signal log);");
        text.AppendLine("then measures raw batched SQLite inserts into the same table in the same run, and reports the ratio;");
        text.AppendLine("on PostgreSQL, raw binary COPY into a fresh copy of the table and naive per-signal state writes instead.");
        text.AppendLine();
        text.AppendLine("Options:");
        foreach (var option in Numeric)
        {
            text.AppendLine(option.HelpLine);
        }

        text.AppendLine(Servers.HelpLine);
        text.AppendLine($"  --{StorageOption + " KIND",-24} sqlite (default: one server, embedded files, beside raw SQLite inserts) or postgres");
        text.AppendLine($"  {"",-26} (a cluster on a fresh schema, beside raw binary COPY and naive per-signal state writes)");
        text.AppendLine($"  --{PostgresOption + " CONN",-24} PostgreSQL to use with --storage postgres (default ${PostgresEnvironmentVariable});");
        text.AppendLine($"  {"",-26} the run creates a fresh schema in it and drops it at the end");
        text.AppendLine($"  --{ServerDllOption + " PATH",-24} the server to start (default {repository?.DefaultServerDll ?? "src/RiskEngine.Server/bin/Release/net10.0/RiskEngine.Server.dll"})");
        text.AppendLine($"  --{OutOption + " DIR",-24} where the JSON and Markdown reports go (default {repository?.DefaultResultsDirectory ?? "loadtests/results"})");
        text.AppendLine($"  --{OptionTokens.SetOption + " KEY=VALUE",-24} extra server configuration, repeatable (e.g. --set Engine:DispatchQueueCapacity=65536)");
        text.AppendLine($"  {"-h, --help",-26} this text");
        text.AppendLine();
        text.AppendLine("Build the server first: dotnet build -c Release src/RiskEngine.Server");
        return text.ToString();
    }

    /// <summary>Parses the options after the command word.</summary>
    /// <exception cref="UsageException">An unknown or repeated option, a missing or malformed value, a value out of range.</exception>
    public static IngestSettings Parse(IReadOnlyList<string> arguments, RepositoryLayout? repository)
    {
        var tokens = OptionTokens.Read(arguments, KnownNames.ToArray());
        var values = tokens.Values;
        var serverSettings = tokens.ServerSettings;

        int Number(IntegerOption option) => values.TryGetValue(option.Name, out var text) ? option.Parse(text) : option.Default;

        var storage = ParseStorage(values);
        IReadOnlyList<int> servers = values.TryGetValue(Servers.Name, out var serversText)
            ? Servers.Parse(serversText)
            : [storage == StorageMode.Postgres ? DefaultPostgresServers : 1];
        if (storage == StorageMode.Sqlite && servers is not [1])
        {
            throw new UsageException($"--{Servers.Name} {string.Join(',', servers)}: SQLite mode runs one server; a cluster needs --{StorageOption} postgres.");
        }

        var postgres = PostgresConnectionOption.Parse(values, storage, StorageOption);

        var settings = new IngestSettings(
            Number(Seconds), Number(Warmup), Number(Batch), Number(Clients), Number(Entities), Number(Verify),
            ServerDll: PathOption.Parse(values, ServerDllOption, repository?.DefaultServerDll),
            OutDirectory: PathOption.Parse(values, OutOption, repository?.DefaultResultsDirectory),
            ServerSettings: serverSettings,
            Storage: storage,
            ServerCounts: servers,
            Postgres: postgres);
        return settings;
    }

    private static IEnumerable<string> KnownNames =>
        Numeric.Select(o => o.Name).Append(Servers.Name).Append(StorageOption).Append(PostgresOption).Append(ServerDllOption).Append(OutOption).Append(OptionTokens.SetOption);

    private static StorageMode ParseStorage(IReadOnlyDictionary<string, string> values)
    {
        if (!values.TryGetValue(StorageOption, out var text))
        {
            return StorageMode.Sqlite;
        }

        return text.ToLowerInvariant() switch
        {
            "sqlite" => StorageMode.Sqlite,
            "postgres" or "postgresql" => StorageMode.Postgres,
            _ => throw new UsageException($"--{StorageOption}: '{text}' is not a storage kind (expected sqlite or postgres)."),
        };
    }
}
