using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using Orleans.Runtime;
using RiskEngine.Storage;

namespace RiskEngine.Server.Http;

/// <summary>
/// Answers a request that failed on something passing, rather than on the request, with 503 and <c>Retry-After</c>
/// (problem details) instead of a bare 500: a server of the cluster died and its subjects are moving to the survivors,
/// or the database could not be reached. Sending the request again is safe: signals are idempotent by (source,
/// sourceId), registrations are upserts, reads change nothing. Everything else stays a 500 for the default handler.
/// </summary>
public sealed partial class TransientFailureHandler(IProblemDetailsService problems, ILogger<TransientFailureHandler> logger) : IExceptionHandler
{
    private const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (Describe(exception) is not { } detail)
        {
            return false;
        }

        LogTransient(logger, http.Request.Method, http.Request.Path, exception.GetType().Name, exception.Message);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Temporarily unavailable",
                Detail = detail,
            },
        });
    }

    /// <summary>What to tell the client, or null when the failure is not a passing one.</summary>
    private static string? Describe(Exception exception) => exception switch
    {
        SiloUnavailableException or OrleansMessageRejectionException =>
            $"A server of the cluster is unreachable and its subjects are moving to the others. Sending it again is safe; retry after {RetryAfterSeconds} s.",
        TimeoutException =>
            $"The engine did not answer in time (a server may have just failed). Sending it again is safe; retry after {RetryAfterSeconds} s.",
        StorageUnavailableException storage =>
            $"The engine cannot store anything for now: {storage.Reason}. Sending it again is safe; retry after {RetryAfterSeconds} s.",
        NpgsqlException { IsTransient: true } =>
            $"The database cannot be reached for now. Sending it again is safe; retry after {RetryAfterSeconds} s.",
        AggregateException { InnerExceptions.Count: 1 } aggregate => Describe(aggregate.InnerExceptions[0]),
        _ => null,
    };

    // Debug: the failing part (the log writer, Orleans membership) tells of the fault once, not per request.
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path} answered 503: {Error}: {Message}")]
    private static partial void LogTransient(ILogger logger, string method, PathString path, string error, string message);
}
