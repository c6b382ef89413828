using System.Globalization;

namespace RiskEngine.LoadTests.Phases;

/// <summary>
/// A process's I/O counters from Linux's /proc/PID/io, over its whole life and all its threads. <c>rchar</c> and
/// <c>wchar</c> count every byte passed to read and write calls, sockets included (so HTTP bodies too), whether or
/// not storage was touched; <c>read_bytes</c> and <c>write_bytes</c> count what the process made the block layer
/// fetch or send: reads the page cache could not serve, and pages it dirtied, whenever they are written back.
/// </summary>
/// <param name="ReadChars">rchar.</param>
/// <param name="WrittenChars">wchar.</param>
/// <param name="ReadBytes">read_bytes.</param>
/// <param name="WrittenBytes">write_bytes.</param>
public sealed record IoCounters(long ReadChars, long WrittenChars, long ReadBytes, long WrittenBytes)
{
    /// <summary>The counters in the text of /proc/PID/io ("rchar: 123" a line); null when one of the four is missing.</summary>
    public static IoCounters? Parse(string text)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && long.TryParse(line.AsSpan(colon + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                values[line[..colon].Trim()] = value;
            }
        }

        return values.TryGetValue("rchar", out var rchar)
            && values.TryGetValue("wchar", out var wchar)
            && values.TryGetValue("read_bytes", out var readBytes)
            && values.TryGetValue("write_bytes", out var writeBytes)
                ? new IoCounters(rchar, wchar, readBytes, writeBytes)
                : null;
    }

    /// <summary>The counters of a process now; null when it has ended or this system has no /proc/PID/io.</summary>
    public static IoCounters? Read(int pid)
    {
        try
        {
            return Parse(File.ReadAllText($"/proc/{pid}/io"));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>What was counted since <paramref name="earlier"/>, a reading of the same process.</summary>
    public IoCounters Since(IoCounters earlier) => new(
        ReadChars - earlier.ReadChars,
        WrittenChars - earlier.WrittenChars,
        ReadBytes - earlier.ReadBytes,
        WrittenBytes - earlier.WrittenBytes);
}
