using System.Diagnostics;
using RiskEngine.LoadTests.Phases;
using RiskEngine.LoadTests.Traffic;

namespace RiskEngine.LoadTests.Wall;

/// <summary>
/// Signal-to-wall latency, two ways. Per frame: when a client receives a frame whose maxIngestedAt moved on, the
/// receive time less maxIngestedAt (server and clients share the loopback machine's clock). Per batch: from a
/// batch's intended send time until the tracking client receives a frame whose maxIngestedAt is at or after the
/// batch's 202 (the wall then reflects signals ingested after the batch was durable): what a source waits, queueing
/// included, until the screen has caught up with it. Thread-safe; phases are told by <see cref="CurrentPhase"/>.
/// </summary>
public sealed class WallLatency
{
    private readonly LatencyRecorder[] _framesByPhase;
    private readonly LatencyRecorder[] _batchesByPhase;
    private readonly PriorityQueue<(DateTimeOffset IntendedAt, int Phase), DateTimeOffset> _pending = new();
    private readonly Lock _pendingLock = new();
    private long _snapshots;
    private long _deltas;
    private long _advancing;
    private long _alerts;
    private int _currentPhase = -1;

    public WallLatency(int phases)
    {
        _framesByPhase = Enumerable.Range(0, phases).Select(_ => new LatencyRecorder()).ToArray();
        _batchesByPhase = Enumerable.Range(0, phases).Select(_ => new LatencyRecorder()).ToArray();
    }

    public LatencyRecorder AllFrames { get; } = new();

    public LatencyRecorder AllBatches { get; } = new();

    public ErrorCounts Errors { get; } = new();

    /// <summary>Where per-second wall latencies go, once traffic has started.</summary>
    public SecondSeries? Series { get; set; }

    /// <summary>The phase whose traffic is running (frames received are counted in it); -1 before the first.</summary>
    public int CurrentPhase
    {
        get => Volatile.Read(ref _currentPhase);
        set => Volatile.Write(ref _currentPhase, value);
    }

    public long Snapshots => Interlocked.Read(ref _snapshots);

    public long Deltas => Interlocked.Read(ref _deltas);

    /// <summary>Frames whose maxIngestedAt moved on from the client's previous frame: the ones sampled.</summary>
    public long AdvancingFrames => Interlocked.Read(ref _advancing);

    public long Alerts => Interlocked.Read(ref _alerts);

    /// <summary>Batches acknowledged whose data no frame has shown yet.</summary>
    public int PendingBatches
    {
        get
        {
            lock (_pendingLock)
            {
                return _pending.Count;
            }
        }
    }

    public LatencyRecorder FramesOf(int phase) => _framesByPhase[phase];

    public LatencyRecorder BatchesOf(int phase) => _batchesByPhase[phase];

    public void Snapshot() => Interlocked.Increment(ref _snapshots);

    public void Alert() => Interlocked.Increment(ref _alerts);

    /// <summary>A delta frame, received at <paramref name="receivedAt"/>, whose data moved on: one latency sample.</summary>
    public void Delta(DateTimeOffset receivedAt, DateTimeOffset? maxIngestedAt, bool advanced)
    {
        Interlocked.Increment(ref _deltas);
        if (!advanced || maxIngestedAt is not { } ingested)
        {
            return;
        }

        Interlocked.Increment(ref _advancing);
        var microseconds = (receivedAt - ingested).Ticks / TimeSpan.TicksPerMicrosecond;
        AllFrames.RecordMicroseconds(microseconds);
        var phase = CurrentPhase;
        if (phase >= 0)
        {
            _framesByPhase[phase].RecordMicroseconds(microseconds);
            Series?.WallLatency(Stopwatch.GetTimestamp(), microseconds);
        }
    }

    /// <summary>A batch got its 202 at <paramref name="acknowledgedAt"/>: wait for a frame that shows data at least that fresh.</summary>
    public void BatchAcknowledged(int phase, DateTimeOffset intendedAt, DateTimeOffset acknowledgedAt)
    {
        lock (_pendingLock)
        {
            _pending.Enqueue((intendedAt, phase), acknowledgedAt);
        }
    }

    /// <summary>A frame of the tracking client: every pending batch acknowledged at or before its maxIngestedAt is now on the wall.</summary>
    public void Tracked(DateTimeOffset receivedAt, DateTimeOffset maxIngestedAt)
    {
        lock (_pendingLock)
        {
            while (_pending.TryPeek(out var batch, out var acknowledgedAt) && acknowledgedAt <= maxIngestedAt)
            {
                _pending.Dequeue();
                var microseconds = (receivedAt - batch.IntendedAt).Ticks / TimeSpan.TicksPerMicrosecond;
                AllBatches.RecordMicroseconds(microseconds);
                _batchesByPhase[batch.Phase].RecordMicroseconds(microseconds);
            }
        }
    }
}
