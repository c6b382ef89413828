using System.Globalization;

namespace RiskEngine.LoadTests.CommandLine;

/// <summary>A whole-number option with its allowed range and default, and the line of help that describes it.</summary>
public sealed record IntegerOption(string Name, int Minimum, int Maximum, int Default, string Description)
{
    /// <summary>Reads <paramref name="text"/> as this option's value, or says precisely why it cannot be one.</summary>
    /// <exception cref="UsageException">Not a whole number, or outside the range.</exception>
    public int Parse(string text)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new UsageException($"--{Name}: '{text}' is not a whole number (expected {Minimum}..{Maximum}).");
        }

        if (value < Minimum || value > Maximum)
        {
            throw new UsageException($"--{Name}: {value} is out of range (expected {Minimum}..{Maximum}).");
        }

        return (int)value;
    }

    public string HelpLine => string.Create(CultureInfo.InvariantCulture,
        $"  --{Name + " N",-24} {Description} ({Minimum}..{Maximum}, default {Default})");
}
