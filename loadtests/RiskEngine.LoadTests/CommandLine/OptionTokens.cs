using System.CommandLine;

namespace RiskEngine.LoadTests.CommandLine;

/// <summary>
/// The options after the command word as name/value pairs: <c>--name value</c> or <c>--name=value</c>, each at
/// most once, except <c>--set KEY=VALUE</c>, which may repeat. The tokens are parsed by System.CommandLine (the
/// server's parser too, so quoting, <c>=</c> and response files behave alike); each command's own parser then checks
/// the values, ranges and combinations and says what is wrong in the tool's terms.
/// </summary>
public sealed class OptionTokens
{
    public const string SetOption = "set";

    private OptionTokens(Dictionary<string, string> values, SortedDictionary<string, string> serverSettings)
    {
        Values = values;
        ServerSettings = serverSettings;
    }

    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>The <c>--set</c> assignments.</summary>
    public IReadOnlyDictionary<string, string> ServerSettings { get; }

    /// <exception cref="UsageException">An unknown or repeated option, a missing value, a malformed --set.</exception>
    public static OptionTokens Read(IReadOnlyList<string> arguments, IReadOnlyCollection<string> known)
    {
        var options = known.Where(n => n != SetOption).ToDictionary(n => n, n => new Option<string>("--" + n), StringComparer.Ordinal);
        var set = new Option<string[]>("--" + SetOption) { AllowMultipleArgumentsPerToken = false };
        // A plain command: --help is answered before parsing, and a root command would accept --version silently.
        var command = new Command("options");
        foreach (var option in options.Values)
        {
            command.Options.Add(option);
        }

        if (known.Contains(SetOption))
        {
            command.Options.Add(set);
        }

        var parsed = command.Parse(arguments);
        if (parsed.UnmatchedTokens.FirstOrDefault() is { } unmatched)
        {
            throw new UsageException(unmatched.StartsWith("--", StringComparison.Ordinal)
                ? $"Unknown option '{unmatched.Split('=')[0]}'; known: {string.Join(", ", known.Select(n => "--" + n))}."
                : $"Unexpected argument '{unmatched}'; options start with -- (see --help).");
        }

        if (parsed.Errors.FirstOrDefault() is { } error)
        {
            throw new UsageException(error.Message);
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, option) in options)
        {
            if (parsed.GetResult(option) is { Implicit: false } && parsed.GetValue(option) is { } value)
            {
                values[name] = value;
            }
        }

        var serverSettings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var assignment in parsed.GetValue(set) ?? [])
        {
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException($"--{SetOption}: '{assignment}' is not KEY=VALUE (e.g. Engine:SnapshotFlushInterval=00:00:30).");
            }

            var key = assignment[..equals].Trim();
            if (!serverSettings.TryAdd(key, assignment[(equals + 1)..]))
            {
                throw new UsageException($"--{SetOption}: {key} is set more than once.");
            }
        }

        return new OptionTokens(values, serverSettings);
    }
}
