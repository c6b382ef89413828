namespace RiskEngine.Storage.PostgreSql;

/// <summary>
/// Subjects per district as last read, kept for a short time. Every district grain asks for these counts whenever it
/// builds a summary; one read per server per lifetime answers them all, at most that old. Concurrent askers share
/// one read, and a failed read is not kept.
/// </summary>
internal sealed class DistrictCountCache(
    Func<CancellationToken, Task<IReadOnlyDictionary<string, long>>> read,
    TimeProvider clock,
    TimeSpan lifetime)
{
    private readonly Lock _gate = new();
    private Task<IReadOnlyDictionary<string, long>>? _counts;
    private DateTimeOffset _readAt;

    public Task<IReadOnlyDictionary<string, long>> GetAsync(CancellationToken cancellationToken)
    {
        Task<IReadOnlyDictionary<string, long>> counts;
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_counts is null || _counts.IsFaulted || _counts.IsCanceled || now - _readAt >= lifetime)
            {
                // Not the caller's token: the read is shared, one caller giving up must not fail the others.
                _counts = read(CancellationToken.None);
                _readAt = now;
            }

            counts = _counts;
        }

        return counts.WaitAsync(cancellationToken);
    }

    /// <summary>Forgets the counts, so a server sees its own registrations at once.</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _counts = null;
        }
    }
}
