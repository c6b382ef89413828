namespace RiskEngine.Storage;

/// <summary>
/// The append-only signal log. Unique by (source, sourceId); numbered by a sequence that never repeats.
/// </summary>
public interface ISignalLog
{
    /// <summary>Appends a batch; completes only once every new signal of it is durable.</summary>
    Task<AppendResult> AppendAsync(IReadOnlyList<SignalToAppend> signals, CancellationToken cancellationToken = default);

    /// <summary>The subject's signals with a sequence number above <paramref name="afterSeq"/>, in log order.</summary>
    Task<IReadOnlyList<LoggedSignal>> ReadSubjectAsync(string subjectId, long afterSeq, int limit, CancellationToken cancellationToken = default);

    /// <summary>All signals above <paramref name="afterSeq"/>, in log order (recovery after a crash).</summary>
    Task<IReadOnlyList<LoggedSignal>> ReadAfterAsync(long afterSeq, int limit, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence number in the log, 0 when empty.</summary>
    Task<long> ReadHeadAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Rows queued for the log's writer and not yet taken into a commit: a cheap read, for admission and metrics. (The
    /// embedded log's writer also carries the file's other writes, registrations and checkpoints, and counts them too.)
    /// </summary>
    long QueuedRows { get; }
}
