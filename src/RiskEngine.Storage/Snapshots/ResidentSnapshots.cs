using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RiskEngine.Storage.Snapshots;

/// <summary>
/// Every snapshot this server has read or written stays in memory as its serialised bytes, and changed ones are written
/// to <see cref="ISnapshotTable"/> in bulk, at most once per flush interval each. A city's subjects fit (a few hundred
/// bytes each, one array per subject for the collector to trace); reading a snapshot from the table on every fold, and
/// writing it back after, cost tens of KB of file traffic per signal where the signal itself is 200 bytes.
/// <para>
/// Versions are kept here: a write names the version it read and is refused when another writer came first, as the table's
/// guard would. The table's own version is tracked separately and guards the bulk write; should it have moved (another
/// server wrote the row), the snapshot is dropped from memory and handed to <see cref="ConflictHandler"/>, which rebuilds it
/// from the stored row and the log. Until a change is in the table, its log position holds the recovery checkpoint back
/// (<see cref="OldestUnwrittenSeq"/>): after a crash, replay starts before it.
/// </para>
/// </summary>
public sealed partial class ResidentSnapshots : IAsyncDisposable
{
    // Writes in flight at once during a flush: the table batches them (one transaction or statement per batch).
    private const int FlushChunk = 4096;

    private readonly ISnapshotTable _table;
    private readonly ILogger<ResidentSnapshots> _logger;
    private readonly ConcurrentDictionary<SnapshotKey, Resident> _residents = new();
    private readonly ConcurrentDictionary<SnapshotKey, Resident> _unwritten = new();

    // Changes refused by the table's guard, held until the conflict handler rebuilt them: their positions hold the checkpoint.
    private readonly ConcurrentDictionary<SnapshotKey, long> _conflicted = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly int _maxResidents;
    private long _bytes;
    private long _conflicts;

    // ConcurrentDictionary.Count takes every lock of the table; this is read on every first read of a snapshot.
    private int _count;

    public ResidentSnapshots(ISnapshotTable table, int maxResidents, ILogger<ResidentSnapshots> logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResidents, 1);
        _table = table;
        _maxResidents = maxResidents;
        _logger = logger;
    }

    /// <summary>
    /// Called with a snapshot whose bulk write the table refused (someone else wrote the row): rebuild it from the stored
    /// row and the log. Without one, the change stays unwritten and holds the checkpoint until the next start's replay.
    /// </summary>
    public Func<SnapshotKey, Task>? ConflictHandler { get; set; }

    /// <summary>Snapshots in memory.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Snapshots changed in memory and not yet in the table.</summary>
    public int UnwrittenCount => _unwritten.Count + _conflicted.Count;

    /// <summary>Payload bytes held in memory.</summary>
    public long PayloadBytes => Interlocked.Read(ref _bytes);

    /// <summary>Bulk writes the table refused since start.</summary>
    public long Conflicts => Interlocked.Read(ref _conflicts);

    /// <summary>The oldest log position whose effect is only in memory, or null when the table has everything.</summary>
    public long? OldestUnwrittenSeq
    {
        get
        {
            long? oldest = null;
            foreach (var resident in _unwritten.Values)
            {
                var seq = Volatile.Read(ref resident.UnwrittenFrom);
                if (seq > 0 && (oldest is null || seq < oldest))
                {
                    oldest = seq;
                }
            }

            foreach (var seq in _conflicted.Values)
            {
                if (seq > 0 && (oldest is null || seq < oldest))
                {
                    oldest = seq;
                }
            }

            return oldest;
        }
    }

    /// <summary>The snapshot and its version: from memory, or read from the table (batched with others) and kept.</summary>
    public async ValueTask<(byte[]? Payload, int? Version)> ReadAsync(SnapshotKey key, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (_residents.TryGetValue(key, out var known))
            {
                if (known.Loading is { } loading)
                {
                    await loading.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                }

                lock (known)
                {
                    if (!known.Evicted)
                    {
                        return (known.Payload, known.Version);
                    }
                }

                continue;
            }

            var arriving = new Resident { Loading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
            if (!_residents.TryAdd(key, arriving))
            {
                continue;
            }

            Interlocked.Increment(ref _count);

            try
            {
                var stored = await _table.ReadAsync(key, cancellationToken).ConfigureAwait(false);
                var done = arriving.Loading;
                lock (arriving)
                {
                    arriving.Payload = stored?.Payload;
                    arriving.Version = stored?.Version;
                    arriving.StoredVersion = stored?.Version;
                    arriving.Loading = null;
                }

                Interlocked.Add(ref _bytes, arriving.Payload?.Length ?? 0);
                done.SetResult();
            }
            catch (Exception error)
            {
                if (_residents.TryRemove(new KeyValuePair<SnapshotKey, Resident>(key, arriving)))
                {
                    Interlocked.Decrement(ref _count);
                }

                arriving.Loading?.SetException(error);
                throw;
            }

            TrimIfFull();
            return (arriving.Payload, arriving.Version);
        }
    }

    /// <summary>
    /// Replaces the snapshot in memory if its version is still <paramref name="expectedVersion"/> (null: no snapshot yet);
    /// returns the new version, or null when another writer came first. <paramref name="causeSeq"/> is the oldest log
    /// position the change includes that the table does not (0 when none: the change can be rebuilt without the log).
    /// A snapshot that is not in memory (never read here, or sent away since) is refused too: whoever wrote it must read
    /// it again.
    /// </summary>
    public int? TryWrite(SnapshotKey key, byte[]? payload, int? expectedVersion, long causeSeq, int typeHash, int idHash)
    {
        if (!_residents.TryGetValue(key, out var resident) || resident.Loading is not null)
        {
            return null;
        }

        lock (resident)
        {
            if (resident.Evicted || resident.Version != expectedVersion)
            {
                return null;
            }

            Interlocked.Add(ref _bytes, (payload?.Length ?? 0) - (resident.Payload?.Length ?? 0));
            resident.Payload = payload;
            resident.Version = (resident.Version ?? 0) + 1;
            resident.TypeHash = typeHash;
            resident.IdHash = idHash;
            resident.Changed = true;
            if (causeSeq > 0 && (resident.UnwrittenFrom == 0 || causeSeq < resident.UnwrittenFrom))
            {
                resident.UnwrittenFrom = causeSeq;
            }

            _unwritten[key] = resident;
            return resident.Version;
        }
    }

    /// <summary>Writes what changed every <paramref name="interval"/> of <paramref name="clock"/>, until cancelled; then once more.</summary>
    public async Task RunAsync(TimeSpan interval, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Writes every changed snapshot to the table, many per batch; returns how many were written.</summary>
    public Task<int> FlushAsync(CancellationToken cancellationToken = default) => FlushWhereAsync(static _ => true, cancellationToken);

    /// <summary>
    /// Writes the changed snapshots <paramref name="leaving"/> selects, then drops every snapshot it selects from memory:
    /// this server no longer owns those subjects, and the next owner reads them from the table.
    /// </summary>
    public async Task EvictAsync(Func<SnapshotKey, bool> leaving, CancellationToken cancellationToken = default)
    {
        await FlushWhereAsync(leaving, cancellationToken).ConfigureAwait(false);
        foreach (var (key, resident) in _residents)
        {
            if (!leaving(key))
            {
                continue;
            }

            lock (resident)
            {
                if (resident.Changed || resident.Loading is not null)
                {
                    // Changed again meanwhile, or still loading: the next flush writes it, and the next move evicts it.
                    continue;
                }

                resident.Evicted = true;
            }

            Drop(key, resident);
        }
    }

    private async Task<int> FlushWhereAsync(Func<SnapshotKey, bool> selected, CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var written = 0;
            var due = _unwritten.Where(u => selected(u.Key)).ToArray();
            foreach (var chunk in due.Chunk(FlushChunk))
            {
                var outcomes = await Task.WhenAll(chunk.Select(u => WriteOneAsync(u.Key, u.Value, cancellationToken))).ConfigureAwait(false);
                written += outcomes.Count(o => o);
            }

            return written;
        }
        finally
        {
            _flushing.Release();
        }
    }

    private async Task<bool> WriteOneAsync(SnapshotKey key, Resident resident, CancellationToken cancellationToken)
    {
        SnapshotWrite write;
        int? version;
        lock (resident)
        {
            if (!resident.Changed)
            {
                _unwritten.TryRemove(new KeyValuePair<SnapshotKey, Resident>(key, resident));
                return false;
            }

            write = new SnapshotWrite(key, resident.Payload, resident.StoredVersion, resident.TypeHash, resident.IdHash);
            version = resident.Version;
        }

        int? stored;
        try
        {
            stored = await _table.WriteAsync(write, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Still changed: the next flush tries again, and the checkpoint stays behind it meanwhile.
            LogWriteFailed(_logger, error, key.GrainKey);
            return false;
        }

        if (stored is null)
        {
            await OnConflictAsync(key, resident).ConfigureAwait(false);
            return false;
        }

        lock (resident)
        {
            resident.StoredVersion = stored;
            if (resident.Version == version)
            {
                resident.Changed = false;
                resident.UnwrittenFrom = 0;
                _unwritten.TryRemove(new KeyValuePair<SnapshotKey, Resident>(key, resident));
            }
        }

        return true;
    }

    private async Task OnConflictAsync(SnapshotKey key, Resident resident)
    {
        Interlocked.Increment(ref _conflicts);
        long unwrittenFrom;
        lock (resident)
        {
            resident.Evicted = true;
            unwrittenFrom = resident.UnwrittenFrom;
        }

        _conflicted[key] = unwrittenFrom;
        Drop(key, resident);
        LogConflict(_logger, key.GrainKey);
        if (ConflictHandler is not { } handler)
        {
            return;
        }

        try
        {
            await handler(key).ConfigureAwait(false);
            _conflicted.TryRemove(key, out _);
        }
        catch (Exception error)
        {
            LogRebuildFailed(_logger, error, key.GrainKey);
        }
    }

    private void Drop(SnapshotKey key, Resident resident)
    {
        if (_residents.TryRemove(new KeyValuePair<SnapshotKey, Resident>(key, resident)))
        {
            Interlocked.Decrement(ref _count);
            Interlocked.Add(ref _bytes, -(resident.Payload?.Length ?? 0));
        }

        _unwritten.TryRemove(new KeyValuePair<SnapshotKey, Resident>(key, resident));
    }

    /// <summary>Over the limit, written snapshots leave memory (any, cheaply found); changed ones stay until written.</summary>
    private void TrimIfFull()
    {
        var excess = Count - _maxResidents;
        if (excess <= 0)
        {
            return;
        }

        foreach (var (key, resident) in _residents)
        {
            if (excess <= 0)
            {
                return;
            }

            lock (resident)
            {
                if (resident.Changed || resident.Loading is not null)
                {
                    continue;
                }

                resident.Evicted = true;
            }

            Drop(key, resident);
            excess--;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            LogWriteFailed(_logger, error, "(shutdown flush)");
        }

        _flushing.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the snapshot of {Subject} failed; the next flush retries")]
    private static partial void LogWriteFailed(ILogger logger, Exception error, string subject);

    [LoggerMessage(Level = LogLevel.Information, Message = "The snapshot of {Subject} was written elsewhere since it was read here; rebuilding it from the table and the log")]
    private static partial void LogConflict(ILogger logger, string subject);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rebuilding the snapshot of {Subject} after a conflict failed; the next start's replay covers it")]
    private static partial void LogRebuildFailed(ILogger logger, Exception error, string subject);

    /// <summary>One subject's snapshot in memory; guarded by its own lock.</summary>
    private sealed class Resident
    {
        // Set while the snapshot is read from the table; those who want it meanwhile wait for it.
        public TaskCompletionSource? Loading;
        public byte[]? Payload;
        public int? Version;
        public int? StoredVersion;
        public int TypeHash;
        public int IdHash;
        public bool Changed;
        public bool Evicted;
        public long UnwrittenFrom;
    }
}
