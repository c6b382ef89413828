using RiskEngine.Domain;

namespace RiskEngine.Grains.Aggregates;

/// <summary>
/// A district's flagged subjects kept ranked (score descending, then id) and counted per level as reports arrive, so
/// the top list and the counts cost O(log n) per report and O(top) per publish, not a sort of every flagged subject
/// ten times a second (a district of a city holds tens of thousands of them).
/// </summary>
public sealed class FlaggedRanking
{
    private static readonly Comparer<(double Score, string Id)> ByRank = Comparer<(double Score, string Id)>.Create((a, b) =>
    {
        var byScore = b.Score.CompareTo(a.Score);
        return byScore != 0 ? byScore : string.CompareOrdinal(a.Id, b.Id);
    });

    private readonly SortedSet<(double Score, string Id)> _ranked = new(ByRank);
    private long _yellow;
    private long _orange;
    private long _red;

    public FlaggedRanking(IEnumerable<KeyValuePair<string, DistrictEntry>> flagged)
    {
        foreach (var (id, entry) in flagged)
        {
            Add(id, entry);
        }
    }

    public (long Yellow, long Orange, long Red) Counts => (_yellow, _orange, _red);

    /// <summary>Moves a subject from what it was (null: not flagged) to what it is now (null: back to blue).</summary>
    public void Replace(string id, DistrictEntry? before, DistrictEntry? after)
    {
        if (before is not null)
        {
            _ranked.Remove((before.Score, id));
            Count(before.Level, -1);
        }

        if (after is not null)
        {
            Add(id, after);
        }
    }

    /// <summary>The ids of the <paramref name="count"/> highest-ranked subjects, best first.</summary>
    public IEnumerable<string> Top(int count) => _ranked.Take(count).Select(r => r.Id);

    private void Add(string id, DistrictEntry entry)
    {
        _ranked.Add((entry.Score, id));
        Count(entry.Level, +1);
    }

    private void Count(RiskLevel level, int delta)
    {
        switch (level)
        {
            case RiskLevel.Yellow: _yellow += delta; break;
            case RiskLevel.Orange: _orange += delta; break;
            case RiskLevel.Red: _red += delta; break;
        }
    }
}
