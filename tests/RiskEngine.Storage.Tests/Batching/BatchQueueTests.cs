using System.Collections.Concurrent;
using RiskEngine.Storage.Batching;

namespace RiskEngine.Storage.Tests.Batching;

public sealed class BatchQueueTests
{
    [Fact]
    public async Task Requests_waiting_while_a_batch_runs_are_answered_together_by_the_next_one()
    {
        var sizes = new ConcurrentQueue<int>();
        var firstStarted = new TaskCompletionSource();
        var releaseFirst = new TaskCompletionSource();
        await using var queue = BatchQueue<int, int>.Asynchronous(async (requests, _) =>
        {
            sizes.Enqueue(requests.Count);
            if (sizes.Count == 1)
            {
                firstStarted.SetResult();
                await releaseFirst.Task;
            }

            return requests.Select(r => r * 10).ToArray();
        }, maxBatch: 1000, concurrency: 1);

        var first = queue.EnqueueAsync(1);
        await firstStarted.Task;
        var waiting = Enumerable.Range(2, 99).Select(i => queue.EnqueueAsync(i)).ToArray();
        releaseFirst.SetResult();

        Assert.Equal(10, await first);
        Assert.Equal(Enumerable.Range(2, 99).Select(i => i * 10), await Task.WhenAll(waiting));
        Assert.Equal([1, 99], sizes.ToArray());
    }

    [Fact]
    public async Task A_batch_never_exceeds_its_limit()
    {
        var largest = 0;
        await using var queue = BatchQueue<int, int>.OnDedicatedThread(requests =>
        {
            largest = Math.Max(largest, requests.Count);
            Thread.Sleep(1);
            return requests.ToArray();
        }, maxBatch: 7, threadName: "test-batches");

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => queue.EnqueueAsync(i)));

        Assert.Equal(Enumerable.Range(0, 200), answers);
        Assert.InRange(largest, 1, 7);
    }

    [Fact]
    public async Task A_failing_batch_fails_each_of_its_callers_and_the_queue_goes_on()
    {
        var calls = 0;
        await using var queue = BatchQueue<string, int>.OnDedicatedThread(requests =>
            Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("disk full") : requests.Select(r => r.Length).ToArray(),
            maxBatch: 100, threadName: "test-failures");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => queue.EnqueueAsync("first"));
        Assert.Equal("disk full", error.Message);
        Assert.Equal(5, await queue.EnqueueAsync("after"));
    }

    [Fact]
    public async Task A_batch_function_that_answers_the_wrong_number_fails_its_callers_loudly()
    {
        await using var queue = BatchQueue<int, int>.Asynchronous((_, _) => Task.FromResult<IReadOnlyList<int>>([]), maxBatch: 10, concurrency: 1);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => queue.EnqueueAsync(1));
        Assert.Contains("1 requests came back with 0 answers", error.Message);
    }

    [Fact]
    public async Task A_cancelled_request_is_not_sent_and_a_stopped_queue_refuses_new_ones()
    {
        var seen = new ConcurrentBag<int>();
        var queue = BatchQueue<int, int>.Asynchronous((requests, _) =>
        {
            foreach (var r in requests)
            {
                seen.Add(r);
            }

            return Task.FromResult<IReadOnlyList<int>>(requests.ToArray());
        }, maxBatch: 10, concurrency: 1);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queue.EnqueueAsync(1, cancelled.Token));
        Assert.Equal(2, await queue.EnqueueAsync(2));
        await queue.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => queue.EnqueueAsync(3));
        Assert.Equal([2], seen.ToArray());
    }
}
