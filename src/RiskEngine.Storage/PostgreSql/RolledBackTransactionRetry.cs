using Npgsql;

namespace RiskEngine.Storage.PostgreSql;

/// <summary>
/// Runs a transaction again after a failure that PostgreSQL is known to have rolled back, so that running it again is
/// safe: a deadlock victim, a serialization failure, and for the log writer also a connection lost before COMMIT was
/// sent. Writers that touch the same subject rows in different orders (the log writer, registrations, the due sweep)
/// can deadlock under load; a kept connection can be dropped while idle (server restart, failover, a proxy's timeout).
/// One more try almost always succeeds; every other failure is passed on at once.
/// </summary>
internal static class RolledBackTransactionRetry
{
    private const int Attempts = 4;

    public static async Task<T> RunAsync<T>(Func<Task<T>> transaction, Func<Exception, bool> wasRolledBack, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await transaction().ConfigureAwait(false);
            }
            catch (Exception error) when (attempt < Attempts && wasRolledBack(error))
            {
                // Growing, with jitter, so the two sides of a deadlock do not meet again in step.
                var backoff = TimeSpan.FromMilliseconds((10 << attempt) + Random.Shared.Next(10));
                await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The server chose this transaction as a deadlock victim or could not serialise it, and rolled it back.</summary>
    public static bool IsDeadlockOrSerializationFailure(Exception error) =>
        error is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure };
}
