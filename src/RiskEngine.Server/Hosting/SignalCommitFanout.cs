using RiskEngine.Storage;

namespace RiskEngine.Server.Hosting;

/// <summary>Tells every listener of this server about each commit of the signal log, in the order given (dispatch first).</summary>
public sealed class SignalCommitFanout(IReadOnlyList<ISignalCommitListener> listeners) : ISignalCommitListener
{
    public void OnCommitted(IReadOnlyList<LoggedSignal> signals)
    {
        foreach (var listener in listeners)
        {
            listener.OnCommitted(signals);
        }
    }
}
