namespace RiskEngine.Storage.Tests;

/// <summary>
/// Holds the log's writer in the first commit it reports, until released: what is appended meanwhile waits in the
/// writer's queue, however fast the machine.
/// </summary>
public sealed class HeldCommitListener : ISignalCommitListener, IDisposable
{
    private readonly TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _released = new();
    private int _commits;

    /// <summary>Completes once the writer is held in the first commit.</summary>
    public Task Holding => _holding.Task;

    public void OnCommitted(IReadOnlyList<LoggedSignal> signals)
    {
        if (Interlocked.Increment(ref _commits) == 1)
        {
            // The one deliberate block: this is the log writer's synchronous commit callback (the SQLite writer's own
            // thread, the PostgreSQL writer's loop), never a grain or a request, and holding it is what the test needs.
            _holding.TrySetResult();
            _released.Wait();
        }
    }

    public void Release() => _released.Set();

    public void Dispose()
    {
        _released.Set();
        _released.Dispose();
    }
}
