namespace RiskEngine.Storage.PostgreSql;

/// <summary>
/// A group's COMMIT failed (typically the connection was lost under way), so whether it committed is unknown. Such a group is
/// neither retried nor split: a retry would find its own signals and report them as duplicates. The callers get this
/// error; sending the batch again is safe (idempotent), and signals that did commit reach their subjects by log replay.
/// </summary>
internal sealed class SignalCommitUncertainException(Exception innerException)
    : Exception("The signal log lost its connection during COMMIT; the batch may or may not be durable. Sending it again is safe.", innerException);
