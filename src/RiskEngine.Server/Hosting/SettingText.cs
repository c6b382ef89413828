using System.Globalization;

namespace RiskEngine.Server.Hosting;

/// <summary>A setting's value as an operator would write it in configuration, for messages about settings.</summary>
public static class SettingText
{
    public static string Of(object? value) => value switch
    {
        null => "empty",
        string text when string.IsNullOrWhiteSpace(text) => "empty",
        // "c" is the form configuration takes; trailing zeros of a fraction only hide the value ("00:00:00.001").
        TimeSpan span when span.Ticks % TimeSpan.TicksPerSecond != 0 => span.ToString("c", CultureInfo.InvariantCulture).TrimEnd('0'),
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
