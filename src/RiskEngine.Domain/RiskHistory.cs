using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace RiskEngine.Domain;

/// <summary>
/// A subject's recent events, ordered by event time (then log sequence), from which the model
/// recomputes its score: a late signal simply lands in its place. Immutable and System.Text.Json
/// round-trippable, so a grain can snapshot it.
/// </summary>
/// <remarks>
/// <para>Bounded: at most <see cref="HistoryCaps"/> events of each kind are kept. Over a cap the
/// oldest by event time is dropped, being the one decay has already weakened most.</para>
/// <para>Idempotent per <see cref="RiskEvent.Seq"/>: an event whose seq is kept is ignored. An event
/// older than every kept event of a full kind would be dropped at once. If its seq is above
/// <see cref="LastSeq"/> it counts in <see cref="SignalCount"/> without being kept; otherwise it is taken
/// for a replay of one dropped earlier and ignored, since telling the two apart would mean remembering
/// every dropped seq. So <see cref="SignalCount"/> can undercount late signals beyond a cap; the kept
/// events, and so the score, never depend on arrival order.</para>
/// </remarks>
public sealed record RiskHistory
{
    private static readonly IComparer<RiskEvent> EventOrder = Comparer<RiskEvent>.Create(CompareEvents);

    /// <summary>Restores a history (e.g. from a snapshot); events are put back into order.</summary>
    [JsonConstructor]
    public RiskHistory(ImmutableArray<RiskEvent> events, long lastSeq, int signalCount)
    {
        Events = events.IsDefaultOrEmpty
            ? []
            : events.DistinctBy(e => e.Seq).OrderBy(e => e, EventOrder).ToImmutableArray();
        LastSeq = Math.Max(lastSeq, Events.IsEmpty ? 0 : Events.Max(e => e.Seq));
        SignalCount = Math.Max(signalCount, Events.Length);
    }

    // For events already in order and deduplicated: skips the public constructor's normalising sort.
    private RiskHistory(ImmutableArray<RiskEvent> orderedEvents, long lastSeq, int signalCount, bool alreadyOrdered)
    {
        System.Diagnostics.Debug.Assert(alreadyOrdered, "only for ordered events");
        Events = orderedEvents;
        LastSeq = lastSeq;
        SignalCount = signalCount;
    }

    public static RiskHistory Empty { get; } = new([], 0, 0, alreadyOrdered: true);

    /// <summary>Kept events, ordered by (OccurredAt, Seq).</summary>
    public ImmutableArray<RiskEvent> Events { get; }

    /// <summary>The highest seq applied.</summary>
    public long LastSeq { get; }

    /// <summary>How many distinct signals have been applied, kept or not.</summary>
    public int SignalCount { get; }

    /// <summary>This history with the event folded in; <c>this</c> when it changes nothing.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Seq is not positive.</exception>
    /// <exception cref="ArgumentException">The facts do not belong to the event's kind.</exception>
    public RiskHistory Apply(RiskEvent e, RiskModelParameters p)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(p);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(e.Seq);
        if (e.Facts is null || e.Facts.GetType() != e.Kind.FactsType())
        {
            throw new ArgumentException($"a {e.Kind.ToWire()} event needs {e.Kind.FactsType().Name}, got {e.Facts?.GetType().Name ?? "null"}", nameof(e));
        }
        if (Contains(e.Seq))
        {
            return this;
        }

        var cap = p.HistoryCaps.For(e.Kind);
        var oldestOfKind = -1;
        var countOfKind = 0;
        for (var i = 0; i < Events.Length; i++)
        {
            if (Events[i].Kind == e.Kind)
            {
                if (oldestOfKind < 0)
                {
                    oldestOfKind = i;
                }
                countOfKind++;
            }
        }

        var full = countOfKind >= cap;
        if (full && CompareEvents(e, Events[oldestOfKind]) < 0)
        {
            return e.Seq > LastSeq ? new RiskHistory(Events, e.Seq, SignalCount + 1, alreadyOrdered: true) : this;
        }
        var builder = Events.ToBuilder();
        var index = ImmutableArray.BinarySearch(Events, e, EventOrder);
        builder.Insert(index < 0 ? ~index : index, e);
        if (full)
        {
            // The new event sorts after the oldest of its kind, so that one's index is unchanged.
            builder.RemoveAt(oldestOfKind);
        }
        return new RiskHistory(builder.ToImmutable(), Math.Max(LastSeq, e.Seq), SignalCount + 1, alreadyOrdered: true);
    }

    /// <summary>Whether an event with this seq is kept.</summary>
    public bool Contains(long seq)
    {
        foreach (var e in Events)
        {
            if (e.Seq == seq)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Kept events of one kind, in order.</summary>
    public IEnumerable<RiskEvent> EventsOf(SignalKind kind)
    {
        foreach (var e in Events)
        {
            if (e.Kind == kind)
            {
                yield return e;
            }
        }
    }

    // Records compare collections by reference; two histories holding the same events are equal.
    public bool Equals(RiskHistory? other) =>
        other is not null && LastSeq == other.LastSeq && SignalCount == other.SignalCount && Events.SequenceEqual(other.Events);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(LastSeq);
        hash.Add(SignalCount);
        foreach (var e in Events)
        {
            hash.Add(e.Seq);
        }
        return hash.ToHashCode();
    }

    private static int CompareEvents(RiskEvent? x, RiskEvent? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        if (x is null)
        {
            return -1;
        }
        if (y is null)
        {
            return 1;
        }
        var byTime = x.OccurredAt.CompareTo(y.OccurredAt);
        return byTime != 0 ? byTime : x.Seq.CompareTo(y.Seq);
    }
}
