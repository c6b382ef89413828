using RiskEngine.LoadTests.Phases;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>
/// The server process's I/O over a measured span (from /proc/PID/io), in all and per durable signal: read and write
/// calls (<c>rchar</c>, <c>wchar</c>: sockets too, so the HTTP bodies are in them), and what reached the block layer
/// (<c>read_bytes</c>: reads the page cache could not serve; <c>write_bytes</c>: pages dirtied, fsynced or not yet).
/// </summary>
/// <param name="Signals">Durable signals in the span.</param>
/// <param name="Total">The counters' growth over the span.</param>
/// <param name="ReadCharsPerSignal">rchar per signal, bytes.</param>
/// <param name="WrittenCharsPerSignal">wchar per signal, bytes.</param>
/// <param name="ReadBytesPerSignal">read_bytes per signal, bytes.</param>
/// <param name="WrittenBytesPerSignal">write_bytes per signal, bytes.</param>
public sealed record StorageTrafficFigures(
    long Signals,
    IoCounters Total,
    double ReadCharsPerSignal,
    double WrittenCharsPerSignal,
    double ReadBytesPerSignal,
    double WrittenBytesPerSignal)
{
    /// <summary>The traffic between two readings of the same process; null when either is missing or no signal was durable.</summary>
    public static StorageTrafficFigures? Between(IoCounters? start, IoCounters? end, long signals)
    {
        if (start is null || end is null || signals <= 0)
        {
            return null;
        }

        var total = end.Since(start);
        double Per(long bytes) => Math.Round((double)bytes / signals, 1);
        return new StorageTrafficFigures(
            signals, total, Per(total.ReadChars), Per(total.WrittenChars), Per(total.ReadBytes), Per(total.WrittenBytes));
    }
}
