using System.Globalization;

namespace RiskEngine.LoadTests.CommandLine;

/// <summary>An option whose value multiplies a measured figure (e.g. 3 for three times the rate), with its range, default and help line.</summary>
public sealed record FactorOption(string Name, double Minimum, double Maximum, double Default, string Description)
{
    /// <exception cref="UsageException">Not a number, or outside <see cref="Minimum"/>..<see cref="Maximum"/>.</exception>
    public double Parse(string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new UsageException($"--{Name}: '{text}' is not a number (expected {Range}).");
        }

        if (value < Minimum || value > Maximum)
        {
            throw new UsageException($"--{Name}: {value.ToString(CultureInfo.InvariantCulture)} is out of range (expected {Range}).");
        }

        return value;
    }

    public string HelpLine => string.Create(CultureInfo.InvariantCulture,
        $"  --{Name + " F",-24} {Description} ({Range}, default {Default})");

    private string Range => string.Create(CultureInfo.InvariantCulture, $"{Minimum}..{Maximum}");
}
