using System.Globalization;
using RiskEngine.Grains;
using RiskEngine.Grains.Dispatch;

namespace RiskEngine.Server.Signals;

/// <summary>
/// Refuses an ingest request at once, 503 with <c>Retry-After</c>, when <see cref="IngestAdmission"/> says the engine
/// cannot take it now. It runs before the handler, and the handler binds nothing from the body, so nothing of a refused
/// request is read, let alone taken: the client sends it again later, and a request that waits costs the engine nothing.
/// </summary>
public sealed class IngestAdmissionFilter(IngestAdmission admission, EngineMetrics metrics) : IEndpointFilter
{
    // Why one second: once refusing, the engine takes requests again after a quarter of its capacity is applied, which
    // at its apply rate takes well under a second; asking clients to wait longer would leave it idle after the drain.
    private static readonly string RetryAfterSeconds = 1.ToString(CultureInfo.InvariantCulture);

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (admission.TryAdmit())
        {
            return next(context);
        }

        metrics.RecordRefused();
        context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        return ValueTask.FromResult<object?>(Results.Problem(
            title: "The engine is over capacity",
            detail: $"More signals wait to be logged and applied than this server takes on ({admission.Capacity}); nothing of this request was taken. Send it again after Retry-After seconds.",
            statusCode: StatusCodes.Status503ServiceUnavailable));
    }
}
