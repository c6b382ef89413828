using RiskEngine.LoadTests.Hosting;

namespace RiskEngine.LoadTests.CommandLine;

/// <summary>A path option (<c>--out DIR</c>, <c>--server-dll PATH</c>, ...): made absolute, or its default from the repository's layout.</summary>
public static class PathOption
{
    /// <exception cref="UsageException">Given empty, or not given where there is no repository to take the default from.</exception>
    public static string Parse(IReadOnlyDictionary<string, string> values, string name, string? fallback)
    {
        if (values.TryGetValue(name, out var given))
        {
            return string.IsNullOrWhiteSpace(given) ? throw new UsageException($"--{name} needs a non-empty path.") : Path.GetFullPath(given);
        }

        return fallback ?? throw new UsageException(
            $"No {RepositoryLayout.SolutionFile} above the working directory to find the default of --{name}; run from the repository or pass --{name}.");
    }
}
