using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace RiskEngine.LoadTests.Wall;

/// <summary>
/// Reads the few fields the load test needs from a WallFrame as either hub protocol delivers an untyped argument:
/// a <see cref="JsonElement"/> (JSON protocol) or a map of names to primitives (MessagePack), with names matched
/// regardless of case and timestamps accepted as ISO 8601 text, a DateTime, or MessagePack's [DateTime, offset] pair.
/// </summary>
public static class WallFrameReader
{
    public static WallFrameFacts Read(object? frame) => frame switch
    {
        JsonElement { ValueKind: JsonValueKind.Object } json => FromJson(json),
        IDictionary map => FromMap(map),
        _ => default,
    };

    private static WallFrameFacts FromJson(JsonElement frame)
    {
        long? version = null;
        long? total = null;
        DateTimeOffset? maxIngestedAt = null;
        foreach (var property in frame.EnumerateObject())
        {
            if (property.NameEquals("version") || Is(property.Name, "version"))
            {
                version = property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt64(out var v) ? v : null;
            }
            else if (Is(property.Name, "total"))
            {
                total = property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt64(out var t) ? t : null;
            }
            else if (Is(property.Name, "maxIngestedAt"))
            {
                maxIngestedAt = property.Value.ValueKind == JsonValueKind.String && property.Value.TryGetDateTimeOffset(out var at) ? at : null;
            }
        }

        return new WallFrameFacts(version, maxIngestedAt, total);
    }

    private static WallFrameFacts FromMap(IDictionary frame)
    {
        long? version = null;
        long? total = null;
        DateTimeOffset? maxIngestedAt = null;
        foreach (DictionaryEntry entry in frame)
        {
            var name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
            if (Is(name, "version"))
            {
                version = Whole(entry.Value);
            }
            else if (Is(name, "total"))
            {
                total = Whole(entry.Value);
            }
            else if (Is(name, "maxIngestedAt"))
            {
                maxIngestedAt = Instant(entry.Value);
            }
        }

        return new WallFrameFacts(version, maxIngestedAt, total);
    }

    private static bool Is(string name, string expected) => string.Equals(name, expected, StringComparison.OrdinalIgnoreCase);

    private static long? Whole(object? value) => value switch
    {
        null => null,
        IConvertible convertible when value is not string => convertible.ToInt64(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static DateTimeOffset? Instant(object? value) => value switch
    {
        DateTimeOffset offset => offset,
        DateTime time => new DateTimeOffset(time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time),
        string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) => parsed,
        // MessagePack's standard DateTimeOffset: [UTC DateTime, offset minutes]; the instant is the first element.
        object[] { Length: 2 } pair => Instant(pair[0]),
        _ => null,
    };
}
