using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace RiskEngine.Server.Import;

/// <summary>
/// Sends one batch to the registration endpoint and returns the server's per-item answer. Registration is an
/// idempotent upsert, so a batch whose answer was lost is simply sent again: busy answers (429, 503) are waited out
/// as the server's Retry-After asks, a body over the server's limit (413) is split in two, and a dropped connection
/// is retried a few times before the import stops (to be resumed).
/// </summary>
public sealed class RegistrationSender(HttpClient client, RegistryKind kind)
{
    private const int MaxTransportRetries = 8;
    private static readonly MediaTypeHeaderValue Ndjson = new("application/x-ndjson");

    /// <summary>What the server said of a batch: how many it created and updated, and the items it refused by their index.</summary>
    public sealed record Answer(int Created, int Updated, IReadOnlyList<ItemRejection> Rejected);

    public sealed record ItemRejection(int Index, string Error);

    public async Task<Answer> SendAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var content = new ReadOnlyMemoryContent(body);
            content.Headers.ContentType = Ndjson;
            HttpResponseMessage response;
            try
            {
                response = await client.PostAsync(kind.EndpointPath, content, cancellationToken);
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= MaxTransportRetries)
                {
                    throw new ImportStoppedException($"the server at {client.BaseAddress} did not answer after {attempt} attempts: {error.Message}");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250 * Math.Pow(2, Math.Min(attempt, 5))), cancellationToken);
                continue;
            }

            using (response)
            {
                switch (response.StatusCode)
                {
                    case HttpStatusCode.OK:
                        return await response.Content.ReadFromJsonAsync<Answer>(cancellationToken)
                            ?? throw new ImportStoppedException("the server answered a registration with an empty body");
                    case HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable:
                        await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), cancellationToken);
                        continue;
                    case HttpStatusCode.RequestEntityTooLarge when SplitPoint(body.Span) is var half and > 0:
                        return await SendHalvesAsync(body, half, cancellationToken);
                    case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                        throw new ImportStoppedException(
                            $"the server refused the API key ({(int)response.StatusCode}): RISKENGINE_API_KEY must be a key with the 'ingest' scope");
                    default:
                        var detail = await response.Content.ReadAsStringAsync(cancellationToken);
                        throw new ImportStoppedException($"{kind.EndpointPath} answered {(int)response.StatusCode}: {detail}");
                }
            }
        }
    }

    private async Task<Answer> SendHalvesAsync(ReadOnlyMemory<byte> body, int half, CancellationToken cancellationToken)
    {
        var first = await SendAsync(body[..half], cancellationToken);
        var second = await SendAsync(body[half..], cancellationToken);
        var offset = body.Span[..half].Count((byte)'\n');
        return new Answer(
            first.Created + second.Created,
            first.Updated + second.Updated,
            [.. first.Rejected, .. second.Rejected.Select(r => r with { Index = r.Index + offset })]);
    }

    // Just past the newline nearest the middle, so each half holds whole items; 0 when the body is a single item.
    private static int SplitPoint(ReadOnlySpan<byte> body)
    {
        var items = body.Count((byte)'\n');
        if (items < 2)
        {
            return 0;
        }

        var position = 0;
        for (var seen = 0; seen < items / 2; seen++)
        {
            position += body[position..].IndexOf((byte)'\n') + 1;
        }

        return position;
    }
}
