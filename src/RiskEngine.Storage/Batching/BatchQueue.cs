using System.Threading.Channels;

namespace RiskEngine.Storage.Batching;

/// <summary>
/// Turns many small requests into few round trips: callers enqueue one request each and await its answer; a worker
/// takes everything waiting (up to a limit) and answers the lot with one call of the batch function. Under light load a
/// batch holds one request and costs what a direct call would; under load the cost per request falls with the batch size.
/// <para>
/// Synchronous batch functions (SQLite) run on threads of their own, so a blocking database call never holds a thread-pool
/// thread that grains and requests need; asynchronous ones (PostgreSQL) run as tasks, a few batches in flight at once.
/// </para>
/// </summary>
public sealed class BatchQueue<TRequest, TResult> : IAsyncDisposable
{
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false });
    private readonly int _maxBatch;
    private readonly Task[] _workers;

    private BatchQueue(int maxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _maxBatch = maxBatch;
        _workers = [];
    }

    private BatchQueue(int maxBatch, Func<IReadOnlyList<TRequest>, CancellationToken, Task<IReadOnlyList<TResult>>> process, int concurrency)
        : this(maxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => RunAsync(process))).ToArray();
    }

    private BatchQueue(int maxBatch, Func<IReadOnlyList<TRequest>, IReadOnlyList<TResult>> process, string threadName)
        : this(maxBatch)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                RunBlocking(process);
                done.SetResult();
            }
            catch (Exception error)
            {
                done.SetException(error);
            }
        })
        {
            IsBackground = true,
            Name = threadName,
        };
        thread.Start();
        _workers = [done.Task];
    }

    /// <summary>A queue whose batches run as tasks, at most <paramref name="concurrency"/> at once.</summary>
    public static BatchQueue<TRequest, TResult> Asynchronous(
        Func<IReadOnlyList<TRequest>, CancellationToken, Task<IReadOnlyList<TResult>>> process, int maxBatch, int concurrency) =>
        new(maxBatch, process, concurrency);

    /// <summary>A queue whose batches run one at a time on a dedicated thread named <paramref name="threadName"/>.</summary>
    public static BatchQueue<TRequest, TResult> OnDedicatedThread(
        Func<IReadOnlyList<TRequest>, IReadOnlyList<TResult>> process, int maxBatch, string threadName) =>
        new(maxBatch, process, threadName);

    /// <summary>Queues a request; completes with its answer, or with the exception that failed its batch.</summary>
    public Task<TResult> EnqueueAsync(TRequest request, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<TResult>(cancellationToken);
        }

        var pending = new Pending(request, cancellationToken);
        return _pending.Writer.TryWrite(pending)
            ? pending.Answer.Task
            : Task.FromException<TResult>(new ObjectDisposedException(nameof(BatchQueue<TRequest, TResult>), "The queue has stopped."));
    }

    private async Task RunAsync(Func<IReadOnlyList<TRequest>, CancellationToken, Task<IReadOnlyList<TResult>>> process)
    {
        var batch = new List<Pending>(_maxBatch);
        while (await _pending.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            if (Take(batch))
            {
                try
                {
                    Answer(batch, await process(Requests(batch), CancellationToken.None).ConfigureAwait(false));
                }
                catch (Exception error)
                {
                    Fail(batch, error);
                }
            }
        }
    }

    private void RunBlocking(Func<IReadOnlyList<TRequest>, IReadOnlyList<TResult>> process)
    {
        var batch = new List<Pending>(_maxBatch);

        // Blocking is the point here: this thread belongs to the queue and has nothing else to do.
        while (_pending.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            if (Take(batch))
            {
                try
                {
                    Answer(batch, process(Requests(batch)));
                }
                catch (Exception error)
                {
                    Fail(batch, error);
                }
            }
        }
    }

    /// <summary>Takes what is waiting, up to the limit, leaving out requests whose callers gave up.</summary>
    private bool Take(List<Pending> batch)
    {
        batch.Clear();
        while (batch.Count < _maxBatch && _pending.Reader.TryRead(out var pending))
        {
            if (pending.Cancellation.IsCancellationRequested)
            {
                pending.Answer.TrySetCanceled(pending.Cancellation);
            }
            else
            {
                batch.Add(pending);
            }
        }

        return batch.Count > 0;
    }

    private static TRequest[] Requests(List<Pending> batch)
    {
        var requests = new TRequest[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            requests[i] = batch[i].Request;
        }

        return requests;
    }

    private static void Answer(List<Pending> batch, IReadOnlyList<TResult> results)
    {
        if (results.Count != batch.Count)
        {
            Fail(batch, new InvalidOperationException($"A batch of {batch.Count} requests came back with {results.Count} answers."));
            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Answer.TrySetResult(results[i]);
        }
    }

    private static void Fail(List<Pending> batch, Exception error)
    {
        foreach (var pending in batch)
        {
            pending.Answer.TrySetException(error);
        }
    }

    /// <summary>Stops taking requests, answers what is queued, and waits for the workers.</summary>
    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await Task.WhenAll(_workers).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private sealed class Pending(TRequest request, CancellationToken cancellation)
    {
        public TRequest Request { get; } = request;

        public CancellationToken Cancellation { get; } = cancellation;

        public TaskCompletionSource<TResult> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
