namespace RiskEngine.LoadTests.Api;

/// <summary>What one call to the engine came back with.</summary>
/// <param name="Status">The HTTP status; 0 when no response arrived (connection refused or reset, timeout).</param>
/// <param name="Answer">The parsed body when the status was the expected one.</param>
/// <param name="RetryAfter">On 429 or 503, how long the server asked to wait.</param>
/// <param name="Detail">Otherwise, what went wrong: the problem details' text or the transport error.</param>
public sealed record ApiResponse<T>(int Status, T? Answer, TimeSpan RetryAfter, string Detail)
    where T : class
{
    public const int TooManyRequests = 429;

    public const int ServiceUnavailable = 503;

    public bool IsThrottled => Status == TooManyRequests;

    /// <summary>
    /// The server refused the request for now, taking nothing of it: over the per-key request limit (429) or over its
    /// capacity (503, the engine's early refusal of overload). Both are answers a client is meant to get and retry later.
    /// </summary>
    public bool IsRefused => Status is TooManyRequests or ServiceUnavailable;
}
