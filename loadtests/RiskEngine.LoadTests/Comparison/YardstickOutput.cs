using System.Globalization;
using System.Text.RegularExpressions;

namespace RiskEngine.LoadTests.Comparison;

/// <summary>
/// Reads a yardstick's figure from its output: the line "NAME peer: ... N signals/s ...", e.g.
/// "intake-only peer: 50519 signals/s durable (16 senders x 500)" or
/// "pg-only peer: writers=4 batch=1000 subjects=1000000: 70096 signals/s durable+aggregated".
/// </summary>
public static partial class YardstickOutput
{
    /// <summary>The signals per second a line of <paramref name="yardstick"/>'s output reports; null when it is not its result line.</summary>
    public static double? SignalsPerSecond(string line, string yardstick)
    {
        var match = ResultLine().Match(line);
        if (!match.Success || !string.Equals(match.Groups["name"].Value, yardstick, StringComparison.Ordinal))
        {
            return null;
        }

        return double.TryParse(match.Groups["rate"].ValueSpan, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate) ? rate : null;
    }

    // The number right before " signals/s": the line may hold other numbers first (writers=4 batch=1000 ...).
    [GeneratedRegex(@"^\s*(?<name>[A-Za-z0-9_-]+) peer:.*?(?<![\d.])(?<rate>\d+(?:\.\d+)?) signals/s", RegexOptions.CultureInvariant)]
    private static partial Regex ResultLine();
}
