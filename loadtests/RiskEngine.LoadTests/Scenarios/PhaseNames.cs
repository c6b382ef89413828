namespace RiskEngine.LoadTests.Scenarios;

/// <summary>The names phases have on the command line and in the reports.</summary>
public static class PhaseNames
{
    public static string Name(this PhaseKind kind) => kind.ToString().ToLowerInvariant();

    public static bool TryParse(string text, out PhaseKind kind)
    {
        foreach (var candidate in Enum.GetValues<PhaseKind>())
        {
            if (string.Equals(candidate.Name(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    public static string Known => string.Join(", ", Enum.GetValues<PhaseKind>().Select(k => k.Name()));
}
