namespace RiskEngine.Server.Hosting;

/// <summary>
/// Separates the configuration a command line carries from the command itself. <c>--Section:Key=value</c> (or
/// <c>--Section:Key value</c>) and the host's own switches (<c>--urls</c>, <c>--environment</c>, <c>--contentRoot</c>)
/// go to the configuration as ASP.NET Core reads them, for every command; everything else is parsed against the
/// commands, where an unknown word is an error.
/// </summary>
public static class HostArguments
{
    private static readonly string[] HostSwitches = ["--urls", "--environment", "--contentRoot", "--applicationName"];

    public sealed record Split(string[] Command, string[] Configuration);

    public static Split Separate(IReadOnlyList<string> args)
    {
        var command = new List<string>();
        var configuration = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var argument = args[i];
            if (!IsConfiguration(argument))
            {
                command.Add(argument);
                continue;
            }

            configuration.Add(argument);
            if (!argument.Contains('=', StringComparison.Ordinal) && i + 1 < args.Count)
            {
                configuration.Add(args[++i]);
            }
        }

        return new Split([.. command], [.. configuration]);
    }

    private static bool IsConfiguration(string argument)
    {
        if (!argument.StartsWith("--", StringComparison.Ordinal) || argument.Length < 3)
        {
            return false;
        }

        var name = argument.Split('=', 2)[0];
        return name.Contains(':', StringComparison.Ordinal) || HostSwitches.Contains(name, StringComparer.OrdinalIgnoreCase);
    }
}
