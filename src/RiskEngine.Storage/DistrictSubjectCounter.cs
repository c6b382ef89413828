using System.Collections.Concurrent;

namespace RiskEngine.Storage;

/// <summary>
/// Subjects known per district, kept in memory beside the store so the wall's "subjects watched" is a read,
/// not a count over millions of rows. Seeded from the store at start, bumped by the writer as subjects appear.
/// </summary>
public sealed class DistrictSubjectCounter
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Seed(IEnumerable<KeyValuePair<string, long>> counts)
    {
        _counts.Clear();
        foreach (var (district, count) in counts)
        {
            _counts[district] = count;
        }
    }

    public void Add(string district, long delta = 1) => _counts.AddOrUpdate(district, delta, (_, n) => n + delta);

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts, StringComparer.Ordinal);
}
