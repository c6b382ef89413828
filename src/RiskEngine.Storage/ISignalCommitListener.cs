namespace RiskEngine.Storage;

/// <summary>
/// Hears of newly logged signals right after they are committed, in log order, before the append is answered.
/// Must not block: it runs on the log's writer.
/// </summary>
public interface ISignalCommitListener
{
    void OnCommitted(IReadOnlyList<LoggedSignal> signals);
}
