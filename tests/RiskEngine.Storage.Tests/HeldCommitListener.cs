namespace RiskEngine.Storage.Tests;

/// <summary>
/// Holds the log's writer in the first commit it reports, until released: what is appended meanwhile waits in the
/// writer's queue, however fast the machine.
/// </summary>
public sealed class HeldCommitListener : ISignalCommitListener, IDisposable
{
    private readonly ManualResetEventSlim _holding = new();
    private readonly ManualResetEventSlim _released = new();
    private int _commits;

    public void OnCommitted(IReadOnlyList<LoggedSignal> signals)
    {
        if (Interlocked.Increment(ref _commits) == 1)
        {
            // Blocking is the point: this runs on the writer, which takes nothing more until it returns.
            _holding.Set();
            _released.Wait();
        }
    }

    /// <summary>Waits until the writer is held in the first commit.</summary>
    public bool WaitUntilHolding(TimeSpan timeout) => _holding.Wait(timeout);

    public void Release() => _released.Set();

    public void Dispose()
    {
        _released.Set();
        _holding.Dispose();
        _released.Dispose();
    }
}
