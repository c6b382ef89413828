using System.Text;
using RiskEngine.LoadTests.Hosting;

namespace RiskEngine.LoadTests.CommandLine;

/// <summary>The options of <c>compare</c>: their ranges, defaults, help text and parsing.</summary>
public static class CompareCommandLine
{
    public const string Command = "compare";

    /// <summary>The server setting that tells the two server sides apart; compare sets it, so --set may not.</summary>
    public const string ApplySignalsKey = "Engine:ApplySignals";

    public static readonly IntegerOption Seconds = new("seconds", 1, 3600, 20,
        "measured seconds of each side: end to end, HTTP and log alone, raw append, each yardstick, the overload");

    public static readonly IntegerOption Warmup = new("warmup", 0, 600, 3,
        "unmeasured seconds before each closed-loop side's and the raw append's measurement");

    public static readonly IntegerOption Batch = new("batch", 1, 20_000, 500,
        "signals per request, and rows per raw SQLite transaction");

    public static readonly IntegerOption Clients = new("clients", 1, 256, 16,
        "concurrent closed-loop HTTP clients");

    public static readonly IntegerOption Entities = new("entities", 1, 3_000_000, 200_000,
        "entities registered before each server side; signals name them");

    public static readonly IntegerOption Verify = new("verify", 0, 10_000_000, 20_000,
        "acknowledged signals re-posted on each server side afterwards; each must come back a duplicate");

    public static readonly IntegerOption MaxOutstanding = new("max-outstanding", 1, 100_000, 1_000,
        "unanswered overload requests beyond which the generator skips sends (counted as errors)");

    public static readonly FactorOption OverloadFactor = new("overload-factor", 0, 20, 3,
        "after the end-to-end side, open-model traffic at F x its durable rate for --seconds; 0 leaves it out");

    private const string ServerDllOption = "server-dll";
    private const string OutOption = "out";
    private const string PeersOption = "peers";

    private static readonly IntegerOption[] Numeric = [Seconds, Warmup, Batch, Clients, Entities, Verify, MaxOutstanding];

    /// <summary>True when the arguments ask for help (<c>-h</c>, <c>--help</c>), wherever it appears.</summary>
    public static bool AsksForHelp(IEnumerable<string> arguments) =>
        arguments.Any(a => a is "-h" or "--help" or "-?");

    public static string Help(RepositoryLayout? repository)
    {
        var text = new StringBuilder();
        text.AppendLine("Usage: dotnet run -c Release --project loadtests/RiskEngine.LoadTests -- compare [options]");
        text.AppendLine();
        text.AppendLine("The engine beside its yardsticks, in one run and in this order:");
        text.AppendLine("  a. end to end: the ingest command's closed loop against the server (durable signals/s from the 202s, applied");
        text.AppendLine("     signals/s from the server's appliedTotal, apply lag, storage traffic per signal, memory per resident subject);");
        text.AppendLine("     then, on the same server, open-model steady traffic at --overload-factor x that durable rate (refusals, errors, p99);");
        text.AppendLine("  b. HTTP and log alone: the same closed loop against a fresh server started with Engine:ApplySignals=false;");
        text.AppendLine("  c. raw SQLite appends into the engine's signal_log, the server stopped;");
        text.AppendLine("  d. the yardsticks in --peers, as child processes: intake-only/run SECONDS 16 500 and pg-only/run 4 1000 SECONDS");
        text.AppendLine("     (a missing one is reported as not run, with the reason).");
        text.AppendLine("Each server side re-posts a sample and reads its log after kill -9, to prove nothing acknowledged was lost.");
        text.AppendLine("Writes report.json and report.md under <out>/<timestamp>-compare/, with the ratios beside their targets.");
        text.AppendLine();
        text.AppendLine("Options:");
        foreach (var option in Numeric)
        {
            text.AppendLine(option.HelpLine);
        }

        text.AppendLine(OverloadFactor.HelpLine);
        text.AppendLine($"  --{PeersOption + " DIR",-24} the yardsticks (default {repository?.DefaultPeersDirectory ?? "../shared/peers beside the repository"})");
        text.AppendLine($"  --{ServerDllOption + " PATH",-24} the server to start (default {repository?.DefaultServerDll ?? "src/RiskEngine.Server/bin/Release/net10.0/RiskEngine.Server.dll"})");
        text.AppendLine($"  --{OutOption + " DIR",-24} where the report folder goes (default {repository?.DefaultResultsDirectory ?? "loadtests/results"})");
        text.AppendLine($"  --{OptionTokens.SetOption + " KEY=VALUE",-24} extra server configuration for both server sides, repeatable");
        text.AppendLine($"  {"-h, --help",-26} this text");
        text.AppendLine();
        text.AppendLine("Exit codes: 0 done and nothing lost, 1 the run failed or lost something, 2 bad command line, 130 interrupted.");
        text.AppendLine("Build the server first: dotnet build -c Release src/RiskEngine.Server");
        return text.ToString();
    }

    /// <summary>Parses the options after the command word.</summary>
    /// <exception cref="UsageException">An unknown or repeated option, a missing or malformed value, a value out of range.</exception>
    public static CompareSettings Parse(IReadOnlyList<string> arguments, RepositoryLayout? repository)
    {
        var known = Numeric.Select(o => o.Name).Append(OverloadFactor.Name).Append(PeersOption).Append(ServerDllOption).Append(OutOption).Append(OptionTokens.SetOption).ToArray();
        var tokens = OptionTokens.Read(arguments, known);
        var values = tokens.Values;

        int Number(IntegerOption option) => values.TryGetValue(option.Name, out var text) ? option.Parse(text) : option.Default;

        if (tokens.ServerSettings.Keys.FirstOrDefault(key => string.Equals(key, ApplySignalsKey, StringComparison.OrdinalIgnoreCase)) is { } fixedKey)
        {
            throw new UsageException($"--{OptionTokens.SetOption} {fixedKey}: compare sets it itself (on for end to end, off for HTTP and log alone).");
        }

        return new CompareSettings(
            Number(Seconds),
            Number(Warmup),
            Number(Batch),
            Number(Clients),
            Number(Entities),
            Number(Verify),
            values.TryGetValue(OverloadFactor.Name, out var factor) ? OverloadFactor.Parse(factor) : OverloadFactor.Default,
            Number(MaxOutstanding),
            PathOption.Parse(values, ServerDllOption, repository?.DefaultServerDll),
            PathOption.Parse(values, OutOption, repository?.DefaultResultsDirectory),
            PathOption.Parse(values, PeersOption, repository?.DefaultPeersDirectory),
            tokens.ServerSettings);
    }
}
