using System.Globalization;
using RiskEngine.LoadTests.Phases;
using RiskEngine.LoadTests.Traffic;

namespace RiskEngine.LoadTests.Workload;

/// <summary>
/// One stream of a phase's traffic: a generator, the rate it is offered at, and its own numbering. Signal n of the
/// stream has source id "lt-{run}-{tag}-{n}" and is a pure function of n, so any acknowledged signal can be
/// regenerated to re-post it or to look for it in the log; only the acknowledged numbers are remembered.
/// </summary>
public sealed class TrafficStream
{
    private readonly string _sourceIdPrefix;
    private readonly ulong _seed;
    private long _next;

    public TrafficStream(string runId, string tag, ISignalGenerator generator, RateProfile rate)
    {
        if (tag.Length == 0 || tag.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '.'))
        {
            throw new ArgumentException($"Stream tag '{tag}' must be letters, digits and dots.", nameof(tag));
        }

        Tag = tag;
        Generator = generator;
        Rate = rate;
        _sourceIdPrefix = $"lt-{runId}-{tag}-";
        foreach (var character in _sourceIdPrefix)
        {
            _seed = SplitMix64.Hash(_seed ^ character);
        }
    }

    public string Tag { get; }

    public ISignalGenerator Generator { get; }

    public RateProfile Rate { get; }

    /// <summary>The numbers of this stream's signals that a 202 acknowledged as durable.</summary>
    public AcknowledgedSignals Acknowledged { get; } = new();

    /// <summary>How many numbers have been handed out so far.</summary>
    public long Issued => Interlocked.Read(ref _next);

    /// <summary>Reserves <paramref name="count"/> consecutive numbers; returns the first.</summary>
    public long Reserve(int count) => Interlocked.Add(ref _next, count) - count;

    public ScenarioSignal At(long number)
    {
        var generated = Generator.At(SplitMix64.Hash(_seed ^ (ulong)number));
        return new ScenarioSignal(
            _sourceIdPrefix + number.ToString(CultureInfo.InvariantCulture), generated.Template, generated.SubjectId, generated.OccurredAt);
    }

    /// <summary>The number of a signal from its source id, or -1 when it is not one of this stream's.</summary>
    public long NumberOf(string sourceId) =>
        sourceId.StartsWith(_sourceIdPrefix, StringComparison.Ordinal)
        && long.TryParse(sourceId.AsSpan(_sourceIdPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : -1;
}
