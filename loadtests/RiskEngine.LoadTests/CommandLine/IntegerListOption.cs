using System.Globalization;

namespace RiskEngine.LoadTests.CommandLine;

/// <summary>
/// An option that takes one whole number or a comma list of them (<c>--servers 1,2,3</c>), each in a range, none
/// twice, kept in the order given; and the line of help that describes it.
/// </summary>
public sealed record IntegerListOption(string Name, int Minimum, int Maximum, string Description)
{
    /// <summary>Reads <paramref name="text"/> as this option's values, or says precisely why it cannot be.</summary>
    /// <exception cref="UsageException">An empty item, an item that is not a whole number or is out of range, an item given twice.</exception>
    public IReadOnlyList<int> Parse(string text)
    {
        var values = new List<int>();
        foreach (var item in text.Split(','))
        {
            var trimmed = item.Trim();
            if (trimmed.Length == 0)
            {
                throw new UsageException($"--{Name}: '{text}' has an empty item (expected N or a comma list like 1,2,3 of {Range}).");
            }

            if (!long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                throw new UsageException($"--{Name}: '{trimmed}' is not a whole number (expected N or a comma list like 1,2,3 of {Range}).");
            }

            if (value < Minimum || value > Maximum)
            {
                throw new UsageException($"--{Name}: {value} is out of range (expected {Range}).");
            }

            if (values.Contains((int)value))
            {
                throw new UsageException($"--{Name}: {value} is listed twice in '{text}'; each count runs once.");
            }

            values.Add((int)value);
        }

        return values;
    }

    public string HelpLine => $"  --{Name + " N[,N...]",-24} {Description} ({Range} each)";

    private string Range => string.Create(CultureInfo.InvariantCulture, $"{Minimum}..{Maximum}");
}
