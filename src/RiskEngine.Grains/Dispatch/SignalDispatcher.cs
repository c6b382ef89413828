using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Grains.Placement;
using RiskEngine.Grains.Subjects;
using RiskEngine.Storage;

namespace RiskEngine.Grains.Dispatch;

/// <summary>
/// Delivers logged signals to the grains of their subjects (or folds them into the snapshots of subjects with no grain in
/// memory): at least once, and per subject in log order, except that signals whose delivery keeps failing are parked and
/// retried while later ones go on. Nothing is given up: the watermark stays below what is not applied yet.
/// Signals are partitioned by subject; each partition takes what is waiting, groups it by subject and calls
/// those subjects concurrently, then takes the next lot. A grain drops positions it already applied, so a
/// retry or a replay never double-counts.
/// </summary>
public sealed partial class SignalDispatcher : ISignalCommitListener, IAsyncDisposable
{
    private const int MaxAttempts = 6;

    private const int MaxTake = 2048;

    private static readonly TimeSpan ParkedRetryInterval = TimeSpan.FromSeconds(5);

    private readonly IGrainFactory _grains;
    private readonly ActiveSilos _activeSilos;
    private readonly SiloAddress _localSilo;
    private readonly SubjectDeliveryClient _deliveryServices;
    private readonly Lazy<LocalSubjectDelivery> _local;
    private readonly ILogger<SignalDispatcher> _logger;
    private readonly EngineMetrics _metrics;
    private readonly Channel<Item>[] _partitions;
    private readonly Task[] _workers;
    private readonly CancellationTokenSource _stopping;
    private readonly Lock _batchesLock = new();
    // Keyed by (first position, batch number): a recovery replay may start at a position a live batch also starts at.
    private readonly SortedDictionary<(long FirstSeq, long Id), DispatchBatch> _inFlight = new();
    private long _nextBatchId;
    private readonly bool _applySignals;
    private long _highestDispatched;
    private long _latestIngestedTicks;
    private long _pending;
    private int _disposed;

    public SignalDispatcher(
        IGrainFactory grains,
        IOptions<EngineOptions> options,
        EngineMetrics metrics,
        ILogger<SignalDispatcher> logger,
        ActiveSilos activeSilos,
        ILocalSiloDetails localSilo,
        SubjectDeliveryClient deliveryServices,
        IHostApplicationLifetime lifetime,
        IServiceProvider services)
    {
        // Dispatch ends when the host starts to stop: the silo is going, so a delivery could only fail and be retried.
        // What is not applied by then holds this run's checkpoint below it, and the next run's recovery replays it.
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        // Resolved at the first delivery: the fold reads the signal log, and the log reports its commits to this dispatcher.
        _local = new Lazy<LocalSubjectDelivery>(services.GetRequiredService<LocalSubjectDelivery>);
        _grains = grains;
        _activeSilos = activeSilos;
        _localSilo = localSilo.SiloAddress;
        _deliveryServices = deliveryServices;
        _logger = logger;
        _metrics = metrics;
        var settings = options.Value;
        _applySignals = settings.ApplySignals;
        _partitions = new Channel<Item>[Math.Max(1, settings.DispatchPartitions)];
        _workers = new Task[_partitions.Length];
        for (var i = 0; i < _partitions.Length; i++)
        {
            // Unbounded on purpose: OnCommitted runs on the log's writer and must neither wait nor drop a durable signal.
            // They are bounded upstream instead: everything in them counts in Pending, ingest is admitted only while that
            // and the log's queue are under the engine's capacity (see IngestAdmission), and the engine's own producers
            // wait for the same room; so they hold at most that capacity and what the requests admitted at once carry.
            _partitions[i] = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
            var partition = _partitions[i];
            _workers[i] = Task.Run(() => RunPartitionAsync(partition.Reader));
        }
    }

    /// <summary>Every signal at or below this log position has been applied by its grain (or given up on and logged).</summary>
    public long Watermark
    {
        get
        {
            lock (_batchesLock)
            {
                foreach (var oldest in _inFlight.Keys)
                {
                    return oldest.FirstSeq - 1;
                }

                return Volatile.Read(ref _highestDispatched);
            }
        }
    }

    /// <summary>
    /// How far this server's signals are applied, in ingest time: every signal it acknowledged that was ingested
    /// before <see cref="AppliedProgress.AppliedThrough"/> is folded into its grain (and so into its district).
    /// Idle means nothing is waiting, so this server holds no district back.
    /// </summary>
    public AppliedProgress Progress()
    {
        lock (_batchesLock)
        {
            foreach (var oldest in _inFlight.Values)
            {
                return new AppliedProgress(oldest.EarliestIngestedAt.AddTicks(-1), Idle: false);
            }
        }

        var latest = Interlocked.Read(ref _latestIngestedTicks);
        return new AppliedProgress(latest == 0 ? DateTimeOffset.MinValue : new DateTimeOffset(latest, TimeSpan.Zero), Idle: true);
    }

    /// <summary>Signals handed over and not yet applied (parked ones included): the apply lag.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>
    /// Hands committed signals to their partitions. Never blocks, so it can run on the log's writer, which
    /// calls it in log order: a subject's signals reach its grain in the order of their positions.
    /// </summary>
    public void OnCommitted(IReadOnlyList<LoggedSignal> signals)
    {
        // Recording only: nothing is handed over, so neither the watermark nor the checkpoint moves, and the next run
        // that applies signals replays all of them.
        if (signals.Count == 0 || !_applySignals)
        {
            return;
        }

        var earliest = signals.Min(s => s.IngestedAt);
        var batch = new DispatchBatch(signals.Min(s => s.Seq), Interlocked.Increment(ref _nextBatchId), signals.Count, earliest);
        RaiseTo(ref _latestIngestedTicks, signals.Max(s => s.IngestedAt).UtcTicks);
        lock (_batchesLock)
        {
            _inFlight.Add(batch.Key, batch);
        }

        Interlocked.Add(ref _pending, signals.Count);
        foreach (var signal in signals)
        {
            RaiseTo(ref _highestDispatched, signal.Seq);
            _partitions[PartitionOf(signal.SubjectId)].Writer.TryWrite(new Item(signal, batch));
        }
    }

    /// <summary>Waits until every signal handed over so far has been applied.</summary>
    public async Task WaitIdleAsync(CancellationToken cancellationToken = default)
    {
        while (Pending > 0)
        {
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Done(DispatchBatch batch)
    {
        if (batch.SignalDone())
        {
            lock (_batchesLock)
            {
                _inFlight.Remove(batch.Key);
            }
        }
    }

    /// <summary>Raises <paramref name="target"/> to <paramref name="value"/> unless it is already higher; safe under concurrent callers.</summary>
    private static void RaiseTo(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private int PartitionOf(string subjectId) =>
        (int)((uint)StringComparer.Ordinal.GetHashCode(subjectId) % (uint)_partitions.Length);

    private async Task RunPartitionAsync(ChannelReader<Item> reader)
    {
        var taken = new List<Item>(MaxTake);
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
            {
                taken.Clear();
                while (taken.Count < MaxTake && reader.TryRead(out var item))
                {
                    taken.Add(item);
                }

                await DeliverTakenAsync(taken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Subjects owned here are called directly; those owned by another server go to it in one message per server
    /// (its <see cref="SubjectDeliveryService"/> calls them in-process), and whatever that message does not apply is
    /// retried subject by subject.
    /// </summary>
    private async Task DeliverTakenAsync(List<Item> taken)
    {
        var silos = _activeSilos.Current.Silos;
        var local = new List<List<Item>>();
        var remote = new Dictionary<SiloAddress, List<List<Item>>>();
        foreach (var subject in taken.GroupBy(i => i.Signal.SubjectId, StringComparer.Ordinal))
        {
            var items = subject.ToList();
            var owner = silos.Length < 2 ? _localSilo : SubjectOwnership.Owner(GrainOf(items[0].Signal).GetGrainId(), silos);
            if (owner.Equals(_localSilo))
            {
                local.Add(items);
            }
            else if (remote.TryGetValue(owner, out var forOwner))
            {
                forOwner.Add(items);
            }
            else
            {
                remote[owner] = [items];
            }
        }

        await Task.WhenAll(local.Select(DeliverAsync).Concat(remote.Select(r => ForwardAsync(r.Key, r.Value)))).ConfigureAwait(false);
    }

    private async Task ForwardAsync(SiloAddress owner, List<List<Item>> subjects)
    {
        var started = Stopwatch.GetTimestamp();
        HashSet<string> failed;
        try
        {
            var deliveries = subjects.Select(items => new SubjectDelivery(items[0].Signal.SubjectKind, items[0].Signal.SubjectId, Envelopes(items))).ToArray();
            failed = new HashSet<string>(await _deliveryServices.On(owner).DeliverAsync(deliveries).ConfigureAwait(false), StringComparer.Ordinal);
        }
        catch (Exception error)
        {
            // The owner may have just died: every subject goes the slow way, wherever its grain now is.
            LogForwardFailed(_logger, error, owner, subjects.Count);
            failed = new HashSet<string>(subjects.Select(items => items[0].Signal.SubjectId), StringComparer.Ordinal);
        }

        var retries = new List<Task>();
        foreach (var items in subjects)
        {
            if (failed.Contains(items[0].Signal.SubjectId))
            {
                retries.Add(DeliverAsync(items));
            }
            else
            {
                _metrics.RecordApplied(items.Count, Stopwatch.GetElapsedTime(started));
                Finish(items);
            }
        }

        await Task.WhenAll(retries).ConfigureAwait(false);
    }

    private ISubjectGrain GrainOf(LoggedSignal signal) => SubjectGrains.Of(_grains, signal.SubjectKind, signal.SubjectId);

    private static SignalEnvelope[] Envelopes(List<Item> items) =>
        items.Select(i => new SignalEnvelope(i.Signal.Seq, i.Signal.Kind, i.Signal.OccurredAt, i.Signal.IngestedAt, i.Signal.Data)).ToArray();

    private void Finish(List<Item> items)
    {
        foreach (var item in items)
        {
            Interlocked.Decrement(ref _pending);
            Done(item.Batch);
        }
    }

    private async Task DeliverAsync(List<Item> items)
    {
        var first = items[0].Signal;
        var envelopes = Envelopes(items);
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            Exception? failure = null;
            try
            {
                await _local.Value.ApplyAsync(first.SubjectKind, first.SubjectId, envelopes).ConfigureAwait(false);
                _metrics.RecordApplied(envelopes.Length, Stopwatch.GetElapsedTime(started));
            }
            catch (Exception error)
            {
                failure = error;
            }

            if (failure is null)
            {
                break;
            }

            if (attempt < MaxAttempts && !_stopping.IsCancellationRequested)
            {
                LogRetry(_logger, failure, first.SubjectId, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(50 * (1 << attempt)), _stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            if (_stopping.IsCancellationRequested)
            {
                // Left unfinished, they hold this run's checkpoint below them: the next run's recovery replays them.
                return;
            }

            // Parked, not dropped: the watermark (so the recovery checkpoint) stays below them until they are applied, and
            // the partition goes on with other subjects meanwhile.
            LogParked(_logger, failure, first.SubjectId, envelopes.Length);
            _metrics.RecordDispatchFailure(envelopes.Length);
            _ = RetryParkedAsync(items, first, envelopes);
            return;
        }

        Finish(items);
    }

    private async Task RetryParkedAsync(List<Item> items, LoggedSignal first, SignalEnvelope[] envelopes)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Task.Delay(ParkedRetryInterval, _stopping.Token).ConfigureAwait(false);
                await _local.Value.ApplyAsync(first.SubjectKind, first.SubjectId, envelopes).ConfigureAwait(false);
                LogUnparked(_logger, first.SubjectId, envelopes.Length, attempt);
                Finish(items);
                return;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                LogStillParked(_logger, error, first.SubjectId, attempt);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Registered both as itself and as the log's commit listener, so the container may dispose it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        foreach (var partition in _partitions)
        {
            partition.Writer.TryComplete();
        }

        await Task.WhenAll(_workers).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _stopping.CancelAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying signals to {Subject} failed (attempt {Attempt}); retrying")]
    private static partial void LogRetry(ILogger logger, Exception error, string subject, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying {Count} signals to {Subject} keeps failing; they are parked and retried every few seconds")]
    private static partial void LogParked(ILogger logger, Exception error, string subject, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Parked signals of {Subject} still fail (retry {Attempt})")]
    private static partial void LogStillParked(ILogger logger, Exception error, string subject, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Parked signals of {Subject} ({Count}) applied at retry {Attempt}")]
    private static partial void LogUnparked(ILogger logger, string subject, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forwarding signals of {Subjects} subjects to {Owner} failed; delivering them one by one")]
    private static partial void LogForwardFailed(ILogger logger, Exception error, SiloAddress owner, int subjects);

    private readonly record struct Item(LoggedSignal Signal, DispatchBatch Batch);

    /// <summary>One commit's signals; the watermark stays below its first position until all are applied.</summary>
    private sealed class DispatchBatch(long firstSeq, long id, int count, DateTimeOffset earliestIngestedAt)
    {
        private int _outstanding = count;

        public DateTimeOffset EarliestIngestedAt { get; } = earliestIngestedAt;

        public (long FirstSeq, long Id) Key { get; } = (firstSeq, id);

        public bool SignalDone() => Interlocked.Decrement(ref _outstanding) == 0;
    }
}
