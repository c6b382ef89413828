using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RiskEngine.LoadTests.Api;

/// <summary>
/// The engine's public HTTP API as a load generator uses it: batch posts with the API key, over a pool of
/// keep-alive loopback connections, one per concurrent client.
/// </summary>
public sealed class EngineApi : IDisposable
{
    public const string ApiKeyHeader = "X-Api-Key";

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(120);
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http;

    public Uri BaseAddress { get; }

    /// <summary>The credential, for the wall clients' hub connections.</summary>
    public string ApiKey { get; }

    public EngineApi(Uri baseAddress, string apiKey, int connections)
    {
        BaseAddress = baseAddress;
        ApiKey = apiKey;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, connections),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = RequestTimeout };
        _http.DefaultRequestHeaders.Add(ApiKeyHeader, apiKey);
    }

    /// <summary>POST /api/v1/signals with a JSON array; 202 carries the counts.</summary>
    public Task<ApiResponse<IngestAnswer>> PostSignalsAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        PostAsync("/api/v1/signals", body, HttpStatusCode.Accepted, LoadTestJson.Default.IngestAnswer, cancellationToken);

    /// <summary>POST /api/v1/entities with a JSON array; 200 carries the counts.</summary>
    public Task<ApiResponse<RegistrationAnswer>> PostEntitiesAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        PostAsync("/api/v1/entities", body, HttpStatusCode.OK, LoadTestJson.Default.RegistrationAnswer, cancellationToken);

    /// <summary>POST /api/v1/equipment with a JSON array; 200 carries the counts.</summary>
    public Task<ApiResponse<RegistrationAnswer>> PostEquipmentAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        PostAsync("/api/v1/equipment", body, HttpStatusCode.OK, LoadTestJson.Default.RegistrationAnswer, cancellationToken);

    /// <summary>GET /api/v1/system/stats: the server's memory and live grain activations.</summary>
    public async Task<ApiResponse<SystemStats>> GetStatsAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync("/api/v1/system/stats", cancellationToken);
            var status = (int)response.StatusCode;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new ApiResponse<SystemStats>(status, null, TimeSpan.Zero, response.ReasonPhrase ?? "");
            }

            var stats = await response.Content.ReadFromJsonAsync(LoadTestJson.Default.SystemStats, cancellationToken);
            return new ApiResponse<SystemStats>(status, stats, TimeSpan.Zero, stats is null ? "the answer's body was empty" : "");
        }
        catch (HttpRequestException error)
        {
            return new ApiResponse<SystemStats>(0, null, TimeSpan.Zero, error.Message);
        }
        catch (JsonException error)
        {
            return new ApiResponse<SystemStats>(0, null, TimeSpan.Zero, $"the answer was not the expected JSON: {error.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ApiResponse<SystemStats>(0, null, TimeSpan.Zero, $"no answer within {RequestTimeout.TotalSeconds:0} s");
        }
    }

    private async Task<ApiResponse<T>> PostAsync<T>(
        string path, ReadOnlyMemory<byte> body, HttpStatusCode expected, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        using var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = Json;
        try
        {
            using var response = await _http.PostAsync(path, content, cancellationToken);
            var status = (int)response.StatusCode;
            if (response.StatusCode == expected)
            {
                var answer = await response.Content.ReadFromJsonAsync(type, cancellationToken);
                return answer is null
                    ? new ApiResponse<T>(status, null, TimeSpan.Zero, "the answer's body was empty")
                    : new ApiResponse<T>(status, answer, TimeSpan.Zero, "");
            }

            var retryAfter = response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero;
            var detail = await response.Content.ReadAsStringAsync(cancellationToken);
            return new ApiResponse<T>(status, null, retryAfter, detail.Length > 500 ? detail[..500] : detail);
        }
        catch (HttpRequestException error)
        {
            return new ApiResponse<T>(0, null, TimeSpan.Zero, error.Message);
        }
        catch (JsonException error)
        {
            return new ApiResponse<T>(0, null, TimeSpan.Zero, $"the answer was not the expected JSON: {error.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ApiResponse<T>(0, null, TimeSpan.Zero, $"no answer within {RequestTimeout.TotalSeconds:0} s");
        }
    }

    public void Dispose() => _http.Dispose();
}
