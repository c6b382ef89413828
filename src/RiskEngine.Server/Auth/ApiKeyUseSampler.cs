using System.Collections.Concurrent;
using RiskEngine.Storage.Security;

namespace RiskEngine.Server.Auth;

/// <summary>
/// Records API-key use in the security audit by key name, sampled: the first request of each key in each minute (per
/// server), so a key's use shows minute by minute without an audit row per ingest request.
/// </summary>
public sealed partial class ApiKeyUseSampler(SecurityEventLog audit, TimeProvider clock, ILogger<ApiKeyUseSampler> logger)
{
    private readonly ConcurrentDictionary<string, long> _lastMinute = new(StringComparer.Ordinal);

    public async Task NoteAsync(string keyName, HttpContext http)
    {
        var minute = clock.GetUtcNow().ToUnixTimeSeconds() / 60;
        while (true)
        {
            var last = _lastMinute.GetOrAdd(keyName, long.MinValue);
            if (last >= minute)
            {
                return;
            }

            if (_lastMinute.TryUpdate(keyName, minute, last))
            {
                break;
            }
        }

        try
        {
            await audit.AppendAsync([new SecurityEvent(SecurityEventKinds.ApiKeyUsed, keyName, null,
                http.Connection.RemoteIpAddress?.ToString(), $"{http.Request.Method} {http.Request.Path}")], http.RequestAborted);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // A machine's request is not refused because its sampled audit row could not be written; the log says so.
            LogNotRecorded(logger, error, keyName);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The security audit could not record the use of API key {KeyName}")]
    private static partial void LogNotRecorded(ILogger logger, Exception error, string keyName);
}
