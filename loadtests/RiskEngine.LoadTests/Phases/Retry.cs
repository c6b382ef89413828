using RiskEngine.LoadTests.Api;

namespace RiskEngine.LoadTests.Phases;

/// <summary>Repeats a call the server refused for now (429, 503), after the Retry-After it asked for; a bounded number of times.</summary>
public static class Retry
{
    public const int MaxThrottledAttempts = 200;

    private static readonly TimeSpan DefaultWait = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(5);

    /// <summary>The first answer that is not a 429, or the last 429 after <see cref="MaxThrottledAttempts"/>.</summary>
    /// <param name="call">The request; safe to repeat (a 429 or 503 means nothing of it was taken).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <param name="onThrottled">Told of each 429.</param>
    public static async Task<ApiResponse<T>> ThrottledAsync<T>(
        Func<Task<ApiResponse<T>>> call, CancellationToken cancellationToken, Action? onThrottled = null)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await call();
            if (!response.IsThrottled || attempt == MaxThrottledAttempts)
            {
                return response;
            }

            onThrottled?.Invoke();
            var wait = response.RetryAfter > TimeSpan.Zero ? response.RetryAfter : DefaultWait;
            await Task.Delay(wait < LongestWait ? wait : LongestWait, cancellationToken);
        }
    }
}
