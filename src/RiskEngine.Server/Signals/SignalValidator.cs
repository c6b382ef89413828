using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RiskEngine.Domain;
using RiskEngine.Storage;

namespace RiskEngine.Server.Signals;

/// <summary>
/// Checks one signal of the public contract at the edge and turns it into the log's form, or says precisely
/// what is wrong with it. The domain behind it trusts its types.
/// </summary>
public sealed class SignalValidator(IOptions<IngestOptions> options, TimeProvider clock)
{
    private const int MaxSourceLength = 64;
    private const int MaxSourceIdLength = 128;

    public bool TryValidate(JsonElement item, out SignalToAppend? signal, out string error)
    {
        signal = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            error = "signal must be a JSON object";
            return false;
        }

        if (!TryText(item, "source", MaxSourceLength, out var source, out error)
            || !TryText(item, "sourceId", MaxSourceIdLength, out var sourceId, out error))
        {
            return false;
        }

        var kindText = item.TryGetProperty("kind", out var kindElement) && kindElement.ValueKind == JsonValueKind.String ? kindElement.GetString() : null;
        if (!SignalKinds.TryParseWire(kindText, out var kind))
        {
            error = $"kind: expected one of {string.Join(", ", PublicKinds)}" + (kindText is null ? "" : $" (got '{kindText}')");
            return false;
        }

        if (!TrySubject(item, kind, out var subjectKind, out var subjectId, out var district, out error)
            || !TryOccurredAt(item, out var occurredAt, out error))
        {
            return false;
        }

        var data = item.TryGetProperty("data", out var dataElement) ? dataElement : default;
        if (data.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Object))
        {
            error = "data: must be an object";
            return false;
        }

        if (!SignalFactsCodec.TryParse(kind, data, out var facts, out error))
        {
            return false;
        }

        signal = new SignalToAppend(source, sourceId, subjectKind, subjectId, kind, occurredAt, SignalFactsCodec.ToJson(facts!), district);
        return true;
    }

    private static readonly string[] PublicKinds =
        Enum.GetValues<SignalKind>().Where(k => !k.IsInternal()).Select(k => k.ToWire()).ToArray();

    private static bool TryText(JsonElement item, string name, int maxLength, out string value, out string error)
    {
        value = "";
        if (!item.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String)
        {
            error = $"{name}: required string";
            return false;
        }

        value = element.GetString()!.Trim();
        if (value.Length == 0 || value.Length > maxLength)
        {
            error = $"{name}: must be 1 to {maxLength} characters";
            return false;
        }

        if (value.Any(char.IsControl))
        {
            error = $"{name}: must not contain control characters";
            return false;
        }

        error = "";
        return true;
    }

    private static bool TrySubject(JsonElement item, SignalKind kind, out SubjectKind subjectKind, out string subjectId, out string? district, out string error)
    {
        subjectKind = SubjectKind.Entity;
        subjectId = "";
        district = null;
        var text = item.TryGetProperty("subjectId", out var element) && element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "subjectId: required string";
            return false;
        }

        // A hazard may concern an entity or a unit; a USCC is tried first because it carries a check character.
        var entityError = "";
        if (kind.AcceptsSubject(SubjectKind.Entity))
        {
            if (Uscc.TryParse(text, out var uscc, out entityError))
            {
                subjectId = uscc.Value;
                district = uscc.DivisionCode;
                error = "";
                return true;
            }

            if (!kind.AcceptsSubject(SubjectKind.Equipment))
            {
                error = $"subjectId: {entityError}";
                return false;
            }
        }

        // Most USCCs (registered by market supervision, '9...') are also well-formed older equipment codes (class 9,
        // ropeway): an equipment signal naming a valid USCC names an entity by mistake, unless it is a modern unit code.
        if (Uscc.TryParse(text, out _, out _) && !(EquipmentCode.TryParse(text, out var modern, out _) && modern.IsModern))
        {
            error = $"subjectId: '{text.Trim()}' is a USCC (an entity); {kind.ToWire()} signals name an equipment unit by its equipment code";
            return false;
        }

        if (EquipmentCode.TryParse(text, out var code, out var equipmentError))
        {
            subjectKind = SubjectKind.Equipment;
            subjectId = code.Value;
            district = KnownDistricts.Unknown;
            error = "";
            return true;
        }

        error = kind.AcceptsSubject(SubjectKind.Entity)
            ? $"subjectId: neither a USCC ({entityError}) nor an equipment code ({equipmentError})"
            : $"subjectId: {equipmentError}";
        return false;
    }

    private bool TryOccurredAt(JsonElement item, out DateTimeOffset occurredAt, out string error)
    {
        occurredAt = default;
        var text = item.TryGetProperty("occurredAt", out var element) && element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        if (text is null)
        {
            error = "occurredAt: required ISO 8601 timestamp with offset";
            return false;
        }

        // An offset is required: a bare local time would be read in whatever zone the server runs in.
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || System.Text.RegularExpressions.Regex.IsMatch(text, @"[+-]\d{2}:?\d{2}$");
        if (!hasOffset || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out occurredAt))
        {
            error = $"occurredAt: '{text}' is not an ISO 8601 timestamp with offset (e.g. 2026-11-20T09:30:00+08:00)";
            return false;
        }

        var settings = options.Value;
        if (occurredAt > clock.GetUtcNow() + settings.MaxClockSkew)
        {
            error = $"occurredAt: {text} is in the future";
            return false;
        }

        if (occurredAt < settings.OldestOccurredAt)
        {
            error = $"occurredAt: {text} is before {settings.OldestOccurredAt:yyyy-MM-dd}";
            return false;
        }

        error = "";
        return true;
    }
}
