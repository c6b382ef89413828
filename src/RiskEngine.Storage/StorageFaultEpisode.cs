using Microsoft.Extensions.Logging;

namespace RiskEngine.Storage;

/// <summary>
/// Tells the log of a storage fault once when it starts and once when it ends, however many writes fail in between: a
/// full disk under load would otherwise write an error per request.
/// </summary>
public sealed partial class StorageFaultEpisode(string store, ILogger logger)
{
    private int _faulted;
    private long _failures;

    public void Failed(StorageUnavailableException fault)
    {
        Interlocked.Increment(ref _failures);
        if (Interlocked.Exchange(ref _faulted, 1) == 0)
        {
            LogStarted(logger, fault.InnerException ?? fault, store, fault.Reason);
        }
    }

    public void Succeeded()
    {
        if (Volatile.Read(ref _faulted) == 1 && Interlocked.Exchange(ref _faulted, 0) == 1)
        {
            LogEnded(logger, store, Interlocked.Exchange(ref _failures, 0));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Store} cannot take writes: {Reason}. Writes are refused with 503 until it can; nothing acknowledged is affected")]
    private static partial void LogStarted(ILogger logger, Exception error, string store, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Store} takes writes again, after {Failures} refused")]
    private static partial void LogEnded(ILogger logger, string store, long failures);
}
