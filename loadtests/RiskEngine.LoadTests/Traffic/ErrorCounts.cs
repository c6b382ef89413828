using System.Collections.Concurrent;

namespace RiskEngine.LoadTests.Traffic;

/// <summary>
/// Counts of failures by type (e.g. "http-503", "timeout", "not-sent-backlog"), from any thread, with the first few
/// examples of each type in words, so a report says not only how often but what.
/// </summary>
public sealed class ErrorCounts
{
    public const int ExamplesPerType = 3;

    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _examples = new(StringComparer.Ordinal);

    public void Add(string type, long count = 1, string? example = null)
    {
        _counts.AddOrUpdate(type, count, (_, current) => current + count);
        if (example is not null)
        {
            var examples = _examples.GetOrAdd(type, _ => new ConcurrentQueue<string>());
            if (examples.Count < ExamplesPerType)
            {
                examples.Enqueue(example.Length > 300 ? example[..300] + "..." : example);
            }
        }
    }

    public long Total => _counts.Values.Sum();

    public IReadOnlyDictionary<string, long> Snapshot() => new SortedDictionary<string, long>(_counts, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Examples() =>
        new SortedDictionary<string, IReadOnlyList<string>>(
            _examples.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value.Take(ExamplesPerType).ToArray(), StringComparer.Ordinal),
            StringComparer.Ordinal);
}
