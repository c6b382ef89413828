using System.Collections.Concurrent;

namespace RiskEngine.Storage.Sqlite;

/// <summary>
/// Registrations the embedded directory has read, kept for the next fold of the same subject: at city scale nearly every
/// signal needs its subject's registration, and reading it from the file costs a page read or more each time. The file is
/// written by this process only, so every writer says which subjects it changed (<see cref="Forget"/>) after its commit.
/// A read that raced such a change is not kept: each change moves a generation, and a read keeps its answer only if
/// the generation did not move while it read. Bounded: when full, it starts over, which costs only re-reads.
/// </summary>
public sealed class RegistrationCache(int capacity)
{
    // A subject with no registration is worth remembering too: most signals of unregistered subjects repeat.
    private static readonly object NotRegistered = new();

    private readonly ConcurrentDictionary<string, object> _known = new(StringComparer.Ordinal);
    private long _generation;
    private int _count;

    /// <summary>The generation to pass to <see cref="Keep"/> for a read about to start.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet<T>(string id, out T? registration)
        where T : class
    {
        if (_known.TryGetValue(id, out var known))
        {
            registration = known as T;
            return known == NotRegistered || registration is not null;
        }

        registration = null;
        return false;
    }

    /// <summary>Keeps what a read found, unless a writer changed any subject since <paramref name="generation"/>.</summary>
    public void Keep<T>(string id, T? registration, long generation)
        where T : class
    {
        if (Interlocked.Read(ref _generation) != generation)
        {
            return;
        }

        if (Interlocked.Increment(ref _count) > capacity)
        {
            _known.Clear();
            Interlocked.Exchange(ref _count, 0);
        }

        _known[id] = (object?)registration ?? NotRegistered;
    }

    /// <summary>Drops what is known of subjects a writer just committed changes to.</summary>
    public void Forget(IEnumerable<string> ids)
    {
        Interlocked.Increment(ref _generation);
        foreach (var id in ids)
        {
            _known.TryRemove(id, out _);
        }
    }
}
