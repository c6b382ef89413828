using System.Globalization;

namespace RiskEngine.LoadTests.Workload;

/// <summary>
/// The endless, deterministic stream of signals of one run. Clients reserve ranges of numbers (thread-safe);
/// signal n is a pure function of n, so any acknowledged signal can be regenerated exactly to re-post it,
/// and nothing but the numbers has to be remembered.
/// </summary>
public sealed class SignalWorkload
{
    private static readonly long Window = (long)TimeSpan.FromDays(30).TotalSeconds;

    private readonly EntityPopulation _entities;
    private readonly SignalMix _mix;
    private readonly string _sourceIdPrefix;
    private readonly ulong _seed;
    private long _next;

    /// <param name="entities">Whom the signals are about.</param>
    /// <param name="mix">What kinds of signal, how often.</param>
    /// <param name="runId">Distinguishes this run's source ids from any other run's.</param>
    /// <param name="epoch">Event times lie in the 30 days before it; it must not be in the server's future.</param>
    public SignalWorkload(EntityPopulation entities, SignalMix mix, string runId, DateTimeOffset epoch)
    {
        _entities = entities;
        _mix = mix;
        _sourceIdPrefix = "lt-" + runId + "-";
        foreach (var character in runId)
        {
            _seed = SplitMix64.Hash(_seed ^ character);
        }

        Epoch = new DateTimeOffset(epoch.Ticks - epoch.Ticks % TimeSpan.TicksPerSecond, epoch.Offset);
    }

    public DateTimeOffset Epoch { get; }

    /// <summary>How many numbers have been handed out so far.</summary>
    public long Issued => Interlocked.Read(ref _next);

    /// <summary>Reserves <paramref name="count"/> consecutive numbers; returns the first.</summary>
    public long Reserve(int count) => Interlocked.Add(ref _next, count) - count;

    /// <summary>The signal numbered <paramref name="number"/>: always the same for the same run.</summary>
    public SyntheticSignal At(long number)
    {
        var hash = SplitMix64.Hash(_seed ^ (ulong)number);
        var template = _mix.Pick(hash);
        var subject = _entities.UsccAt((int)((hash >> 20) % (ulong)_entities.Count));
        var secondsBefore = (long)(SplitMix64.Hash(hash) % (ulong)Window);
        return new SyntheticSignal(
            number,
            _sourceIdPrefix + number.ToString(CultureInfo.InvariantCulture),
            template,
            subject,
            Epoch.AddSeconds(-secondsBefore));
    }

    /// <summary>The number of a signal from its source id, or -1 when it is not one of this run's.</summary>
    public long NumberOf(string sourceId) =>
        sourceId.StartsWith(_sourceIdPrefix, StringComparison.Ordinal)
        && long.TryParse(sourceId.AsSpan(_sourceIdPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : -1;
}
