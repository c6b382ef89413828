using System.Text;
using RiskEngine.LoadTests.Hosting;
using RiskEngine.LoadTests.Scenarios;

namespace RiskEngine.LoadTests.CommandLine;

/// <summary>The options of the traffic scenarios (smoke, city, steady, ...): ranges, per-scenario defaults, help and parsing.</summary>
public static class ScenarioCommandLine
{
    private const string PhasesOption = "phases";
    private const string StorageOption = "storage";
    private const string PostgresOption = PostgresConnectionOption.Name;
    private const string ServerDllOption = "server-dll";
    private const string OutOption = "out";
    private const string HubProtocolOption = "hub-protocol";
    private const string IncidentDistrictOption = "incident-district";
    private const string DefaultIncidentDistrict = "420106";
    private const int DefaultPostgresServers = 2;

    private static readonly FractionOption Duplicates = new("duplicates", 0.5, 0.02, "share of each batch repeating signals sent before (counted as duplicates)");
    private static readonly FractionOption Malformed = new("malformed", 0.5, 0.01, "share of each batch spoiled on purpose (listed in rejected[])");
    private const string SecondsOption = "seconds";

    /// <summary>A soak's length: 18 seconds (0.005 h) for trying it, up to two days.</summary>
    private static FactorOption Hours(ScenarioDefinition scenario) =>
        new("hours", 0.005, 48, scenario.Seconds / 3600.0, "length of the soak in hours (the whole run of steady traffic)");

    /// <summary>The whole-number options, with this scenario's defaults.</summary>
    public static IReadOnlyList<IntegerOption> Numeric(ScenarioDefinition scenario) =>
        [.. AllNumeric(scenario).Where(o => !(scenario.IsSoak && o.Name == SecondsOption))];

    private static IReadOnlyList<IntegerOption> AllNumeric(ScenarioDefinition scenario) =>
    [
        new("entities", 1, 3_000_000, scenario.Entities, "entities registered first (valid USCCs, districts in proportion, seeded industries)"),
        new("equipment", 0, 3_000_000, scenario.Equipment, "equipment units registered first (valid 18-digit codes, seeded class shares)"),
        new("rate", 1, 1_000_000, scenario.Rate, "everyday traffic, signals/s offered on the open-model schedule"),
        new(SecondsOption, 1, 3600, scenario.Seconds, "length of each phase"),
        new("batch", 1, 20_000, scenario.Batch, "signals per request"),
        new("clients", 1, 256, 8, "concurrent clients registering the city"),
        new("wall-clients", 0, 2000, scenario.WallClients, "SignalR wall clients watching the city and its districts"),
        new("baseline-seconds", 1, 600, scenario.BaselineSeconds, "measured seconds of each baseline"),
        new("verify", 0, 10_000_000, scenario.Verify, "acknowledged signals re-posted afterwards; each must be a duplicate"),
        new("stats-interval", 1, 60, scenario.StatsIntervalSeconds, "seconds between readings of the servers' memory and activations"),
        new("max-outstanding", 1, 1_000_000, 20_000, "unanswered requests beyond which the generator skips sends (counted)"),
        new("servers", 1, 8, 1, "server processes; more than 1 needs --storage postgres (default 1 for sqlite, 2 for postgres)"),
    ];

    public static bool AsksForHelp(IEnumerable<string> arguments) => arguments.Any(a => a is "-h" or "--help" or "-?");

    public static string Help(ScenarioDefinition scenario, RepositoryLayout? repository)
    {
        var text = new StringBuilder();
        text.AppendLine($"Usage: dotnet run -c Release --project loadtests/RiskEngine.LoadTests -- {scenario.Name} [options]");
        text.AppendLine();
        text.AppendLine($"{scenario.Name}: {scenario.Purpose}.");
        text.AppendLine($"Phases: {string.Join(", ", scenario.Phases.Select(p => p.Name()))}.");
        text.AppendLine();
        text.AppendLine("Starts the server (building its Release output first if it is missing), registers the city through the API,");
        text.AppendLine("connects the wall clients, runs each phase as open-model traffic (requests sent on schedule, latency measured");
        text.AppendLine("from the intended send time), re-posts a sample and reads the log after kill -9 to prove nothing acknowledged");
        text.AppendLine("was lost, then measures the baselines with the server stopped (raw append, naive per-signal state writes,");
        text.AppendLine("bare Orleans grain calls) and writes JSON, Markdown and charts under <out>/<timestamp>-<scenario>/.");
        text.AppendLine();
        text.AppendLine("Options:");
        foreach (var option in Numeric(scenario))
        {
            text.AppendLine(option.HelpLine);
        }

        if (scenario.IsSoak)
        {
            text.AppendLine(Hours(scenario).HelpLine);
        }

        text.AppendLine(Duplicates.HelpLine);
        text.AppendLine(Malformed.HelpLine);
        text.AppendLine($"  --{PhasesOption + " LIST",-24} comma-separated phases to run instead ({PhaseNames.Known})");
        text.AppendLine($"  --{IncidentDistrictOption + " CODE",-24} district of the food-safety incident (default {DefaultIncidentDistrict})");
        text.AppendLine($"  --{HubProtocolOption + " P",-24} json (default) or messagepack, for the wall clients");
        text.AppendLine($"  --{StorageOption + " KIND",-24} sqlite (default: one embedded server) or postgres (a cluster on a fresh schema)");
        text.AppendLine($"  --{PostgresOption + " CONN",-24} PostgreSQL for --storage postgres (default ${IngestCommandLine.PostgresEnvironmentVariable})");
        text.AppendLine($"  --{ServerDllOption + " PATH",-24} the server to start (default {repository?.DefaultServerDll ?? "src/RiskEngine.Server/bin/Release/net10.0/RiskEngine.Server.dll"})");
        text.AppendLine($"  --{OutOption + " DIR",-24} where the report folder goes (default {repository?.DefaultResultsDirectory ?? "loadtests/results"})");
        text.AppendLine($"  --{OptionTokens.SetOption + " KEY=VALUE",-24} extra server configuration, repeatable");
        text.AppendLine($"  {"-h, --help",-26} this text");
        text.AppendLine();
        text.AppendLine("Exit codes: 0 done and nothing lost, 1 the run failed or lost something, 2 bad command line, 130 interrupted.");
        return text.ToString();
    }

    /// <exception cref="UsageException">An unknown or repeated option, a missing or malformed value, a value out of range, or options that contradict each other.</exception>
    public static ScenarioSettings Parse(ScenarioDefinition scenario, IReadOnlyList<string> arguments, RepositoryLayout? repository)
    {
        var numeric = Numeric(scenario);
        var known = numeric.Select(o => o.Name)
            .Append(Duplicates.Name).Append(Malformed.Name).Append(PhasesOption).Append(IncidentDistrictOption).Append(HubProtocolOption)
            .Append(StorageOption).Append(PostgresOption).Append(ServerDllOption).Append(OutOption).Append(OptionTokens.SetOption)
            .Concat(scenario.IsSoak ? [Hours(scenario).Name] : [])
            .ToArray();
        var tokens = OptionTokens.Read(arguments, known);
        var values = tokens.Values;
        int Number(string name)
        {
            var option = numeric.First(o => o.Name == name);
            return values.TryGetValue(name, out var text) ? option.Parse(text) : option.Default;
        }

        double Fraction(FractionOption option) => values.TryGetValue(option.Name, out var text) ? option.Parse(text) : option.Default;

        int Length()
        {
            if (!scenario.IsSoak)
            {
                return Number(SecondsOption);
            }

            var hours = Hours(scenario);
            return (int)Math.Round(3600 * (values.TryGetValue(hours.Name, out var text) ? hours.Parse(text) : hours.Default));
        }

        var phases = values.TryGetValue(PhasesOption, out var phaseList) ? ParsePhases(phaseList) : scenario.Phases;
        var equipment = Number("equipment");
        if (equipment == 0 && phases.Contains(PhaseKind.Storm))
        {
            throw new UsageException($"The storm phase strikes elevators: --equipment must be at least 1 (or leave storm out of --{PhasesOption}).");
        }

        var duplicates = Fraction(Duplicates);
        var malformed = Fraction(Malformed);
        if (duplicates + malformed >= 1)
        {
            throw new UsageException($"--{Duplicates.Name} and --{Malformed.Name} together must leave room for new signals (their sum must be below 1).");
        }

        var storage = ParseStorage(values);
        var servers = values.ContainsKey("servers") ? Number("servers") : storage == StorageMode.Postgres ? DefaultPostgresServers : 1;
        if (storage == StorageMode.Sqlite && servers != 1)
        {
            throw new UsageException($"--servers {servers}: SQLite mode runs one server; a cluster needs --{StorageOption} postgres.");
        }

        var postgres = PostgresConnectionOption.Parse(values, storage, StorageOption);

        var district = values.TryGetValue(IncidentDistrictOption, out var code) ? code.Trim() : DefaultIncidentDistrict;
        if (district.Length != 6 || !district.All(char.IsAsciiDigit))
        {
            throw new UsageException($"--{IncidentDistrictOption}: '{district}' is not a six-digit GB/T 2260 district code (e.g. {DefaultIncidentDistrict}).");
        }

        return new ScenarioSettings(
            scenario.Name,
            phases,
            Number("entities"),
            equipment,
            Number("rate"),
            Length(),
            Number("batch"),
            Number("clients"),
            Number("wall-clients"),
            ParseHubProtocol(values),
            duplicates,
            malformed,
            district,
            Number("baseline-seconds"),
            Number("verify"),
            Number("stats-interval"),
            Number("max-outstanding"),
            PathOption.Parse(values, ServerDllOption, repository?.DefaultServerDll),
            PathOption.Parse(values, OutOption, repository?.DefaultResultsDirectory),
            tokens.ServerSettings,
            storage,
            servers,
            postgres,
            scenario.IsSoak);
    }

    private static PhaseKind[] ParsePhases(string list)
    {
        var phases = new List<PhaseKind>();
        foreach (var name in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!PhaseNames.TryParse(name, out var kind))
            {
                throw new UsageException($"--{PhasesOption}: '{name}' is not a phase (expected some of {PhaseNames.Known}, comma-separated).");
            }

            phases.Add(kind);
        }

        return phases.Count > 0 ? [.. phases] : throw new UsageException($"--{PhasesOption} needs at least one phase ({PhaseNames.Known}).");
    }

    private static HubProtocol ParseHubProtocol(IReadOnlyDictionary<string, string> values) =>
        !values.TryGetValue(HubProtocolOption, out var text)
            ? HubProtocol.Json
            : text.ToLowerInvariant() switch
            {
                "json" => HubProtocol.Json,
                "messagepack" or "msgpack" => HubProtocol.MessagePack,
                _ => throw new UsageException($"--{HubProtocolOption}: '{text}' is not a hub protocol (expected json or messagepack)."),
            };

    private static StorageMode ParseStorage(IReadOnlyDictionary<string, string> values) =>
        !values.TryGetValue(StorageOption, out var text)
            ? StorageMode.Sqlite
            : text.ToLowerInvariant() switch
            {
                "sqlite" => StorageMode.Sqlite,
                "postgres" or "postgresql" => StorageMode.Postgres,
                _ => throw new UsageException($"--{StorageOption}: '{text}' is not a storage kind (expected sqlite or postgres)."),
            };
}
