using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace RiskEngine.Server.Http;

/// <summary>
/// Reads a batch body, a JSON array or NDJSON (one JSON value per line), within the configured size.
/// A body that is not a batch at all is an error of the whole request; a bad NDJSON line is an error of that item.
/// </summary>
public static class BatchBodyReader
{
    public const string NdjsonMediaType = "application/x-ndjson";

    /// <summary>The items in order, each either a parsed value or why its line could not be parsed.</summary>
    public sealed record BatchItem(JsonElement Value, string? Error);

    public sealed class BatchBodyException(int status, string title, string detail) : Exception(detail)
    {
        public int Status { get; } = status;

        public string Title { get; } = title;
    }

    public static async Task<IReadOnlyList<BatchItem>> ReadAsync(HttpRequest request, long maxBytes, int maxItems, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException error) when (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(maxBytes);
        }

        if (body.Length > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        // The JSON reader checks UTF-8 only when a string is read, deep in validation; checked here once, a body with
        // invalid bytes is refused as a whole, with its offset, instead of failing mid-way through the items.
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            throw new BatchBodyException(StatusCodes.Status400BadRequest, "Not UTF-8",
                $"The body is not valid UTF-8 (first invalid byte at offset {FirstInvalidUtf8(body)}); send JSON encoded as UTF-8.");
        }

        var items = IsNdjson(request) ? ReadNdjson(body, maxItems) : ReadArray(body, maxItems);
        return items;
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> body)
    {
        System.Text.Unicode.Utf8.ToUtf16(body, new char[body.Length], out var read, out _, replaceInvalidSequences: false);
        return read;
    }

    private static bool IsNdjson(HttpRequest request) =>
        request.ContentType is { } type &&
        (type.StartsWith(NdjsonMediaType, StringComparison.OrdinalIgnoreCase) || type.StartsWith("application/jsonl", StringComparison.OrdinalIgnoreCase));

    private static List<BatchItem> ReadArray(byte[] body, int maxItems)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException error)
        {
            throw new BatchBodyException(StatusCodes.Status400BadRequest, "Malformed JSON", $"The body is not valid JSON: {error.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new BatchBodyException(StatusCodes.Status400BadRequest, "Not a batch",
                    $"The body must be a JSON array (or NDJSON with Content-Type {NdjsonMediaType}); got a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.");
            }

            var count = document.RootElement.GetArrayLength();
            if (count > maxItems)
            {
                throw TooMany(count, maxItems);
            }

            return document.RootElement.EnumerateArray().Select(e => new BatchItem(e.Clone(), null)).ToList();
        }
    }

    private static List<BatchItem> ReadNdjson(byte[] body, int maxItems)
    {
        var items = new List<BatchItem>();
        var span = body.AsSpan();
        var line = 0;
        while (span.Length > 0)
        {
            line++;
            var end = span.IndexOf((byte)'\n');
            var current = end < 0 ? span : span[..end];
            span = end < 0 ? [] : span[(end + 1)..];
            if (current.Trim((byte)'\r').Trim((byte)' ').IsEmpty)
            {
                continue;
            }

            if (items.Count == maxItems)
            {
                throw TooMany(items.Count + 1, maxItems);
            }

            try
            {
                using var document = JsonDocument.Parse(current.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
                items.Add(new BatchItem(document.RootElement.Clone(), null));
            }
            catch (JsonException error)
            {
                items.Add(new BatchItem(default, $"line {line}: malformed JSON ({error.Message})"));
            }
        }

        return items;
    }

    private static BatchBodyException TooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, "Body too large", $"The body exceeds {maxBytes} bytes; split the batch.");

    private static BatchBodyException TooMany(int count, int maxItems) =>
        new(StatusCodes.Status413PayloadTooLarge, "Too many items", $"The batch has more than {maxItems} items ({count}); split it.");
}
