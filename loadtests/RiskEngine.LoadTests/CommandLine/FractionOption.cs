using System.Globalization;

namespace RiskEngine.LoadTests.CommandLine;

/// <summary>An option whose value is a share between 0 and a maximum (e.g. 0.02 for 2%), with its default and help line.</summary>
public sealed record FractionOption(string Name, double Maximum, double Default, string Description)
{
    /// <exception cref="UsageException">Not a number, or outside 0..<see cref="Maximum"/>.</exception>
    public double Parse(string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value))
        {
            throw new UsageException($"--{Name}: '{text}' is not a number (expected a share 0..{Maximum.ToString(CultureInfo.InvariantCulture)}, e.g. 0.02 for 2%).");
        }

        if (value < 0 || value > Maximum)
        {
            throw new UsageException($"--{Name}: {value.ToString(CultureInfo.InvariantCulture)} is out of range (expected 0..{Maximum.ToString(CultureInfo.InvariantCulture)}).");
        }

        return value;
    }

    public string HelpLine => string.Create(CultureInfo.InvariantCulture,
        $"  --{Name + " F",-24} {Description} (0..{Maximum}, default {Default})");
}
