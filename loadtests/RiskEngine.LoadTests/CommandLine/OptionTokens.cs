namespace RiskEngine.LoadTests.CommandLine;

/// <summary>
/// The options after the command word as name/value pairs: <c>--name value</c> or <c>--name=value</c>, each at
/// most once, except <c>--set KEY=VALUE</c>, which may repeat.
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
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var serverSettings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (!argument.StartsWith("--", StringComparison.Ordinal) || argument.Length == 2)
            {
                throw new UsageException($"Unexpected argument '{argument}'; options start with -- (see --help).");
            }

            var name = argument[2..];
            string? value = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }

            if (!known.Contains(name, StringComparer.Ordinal))
            {
                throw new UsageException($"Unknown option '--{name}'; known: {string.Join(", ", known.Select(n => "--" + n))}.");
            }

            if (value is null)
            {
                if (i + 1 >= arguments.Count || arguments[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new UsageException($"--{name} needs a value.");
                }

                value = arguments[++i];
            }

            if (name == SetOption)
            {
                var assignment = value.IndexOf('=', StringComparison.Ordinal);
                if (assignment <= 0)
                {
                    throw new UsageException($"--{SetOption}: '{value}' is not KEY=VALUE (e.g. Engine:SnapshotFlushInterval=00:00:30).");
                }

                var key = value[..assignment].Trim();
                if (!serverSettings.TryAdd(key, value[(assignment + 1)..]))
                {
                    throw new UsageException($"--{SetOption}: {key} is set more than once.");
                }
            }
            else if (!values.TryAdd(name, value))
            {
                throw new UsageException($"--{name} is given more than once.");
            }
        }

        return new OptionTokens(values, serverSettings);
    }
}
