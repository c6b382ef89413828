using System.Collections.Concurrent;

namespace RiskEngine.Storage.Tests;

/// <summary>Remembers what the log reported as committed, in the order it reported it.</summary>
public sealed class RecordingListener : ISignalCommitListener
{
    public ConcurrentQueue<LoggedSignal> Committed { get; } = new();

    public void OnCommitted(IReadOnlyList<LoggedSignal> signals)
    {
        foreach (var signal in signals)
        {
            Committed.Enqueue(signal);
        }
    }
}
