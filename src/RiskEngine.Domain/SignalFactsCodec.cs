using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RiskEngine.Domain;

/// <summary>
/// Reads and writes the API's <c>data</c> object of a signal (API.md, "Signals"). <see cref="TryParse"/>
/// validates untrusted input; <see cref="ToJson"/> writes the canonical compact form the signal log
/// stores; <see cref="FromJson"/> reads it back.
/// </summary>
public static class SignalFactsCodec
{
    private const string DateFormat = "yyyy-MM-dd";

    private static readonly WireEnum<InspectionResult> InspectionResults = new(
        ("pass", InspectionResult.Pass), ("issues", InspectionResult.Issues), ("rectify", InspectionResult.Rectify), ("closed", InspectionResult.Closed));

    private static readonly WireEnum<Severity> Severities = new(
        ("minor", Severity.Minor), ("major", Severity.Major), ("critical", Severity.Critical));

    private static readonly WireEnum<CreditEvent> CreditEvents = new(
        ("abnormal-list", CreditEvent.AbnormalList), ("abnormal-list-removed", CreditEvent.AbnormalListRemoved),
        ("dishonest-list", CreditEvent.DishonestList), ("dishonest-list-removed", CreditEvent.DishonestListRemoved),
        ("penalty", CreditEvent.Penalty));

    // The same table serves sampling and equipment inspections.
    private static readonly WireEnum<PassOrFail> PassFail = new(("pass", PassOrFail.Pass), ("fail", PassOrFail.Fail));

    private static readonly WireEnum<HazardState> HazardStates = new(("open", HazardState.Open), ("rectified", HazardState.Rectified));

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Keeps Chinese item names and categories readable in the log; the output is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private enum PassOrFail
    {
        Pass,
        Fail,
    }

    private enum HazardState
    {
        Open,
        Rectified,
    }

    /// <summary>
    /// Validates a signal's <c>data</c> for its kind. A missing data object (undefined or null) reads as
    /// <c>{}</c>; unknown fields are ignored. Errors name the field, e.g. "data.hazardId: required".
    /// </summary>
    public static bool TryParse(SignalKind kind, JsonElement data, out SignalFacts? facts, out string error)
    {
        facts = null;
        if (data.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Object))
        {
            error = "data: expected an object";
            return false;
        }
        return kind switch
        {
            SignalKind.Inspection => TryParseInspection(data, out facts, out error),
            SignalKind.Complaint => TryParseComplaint(data, out facts, out error),
            SignalKind.Sampling => TryParseSampling(data, out facts, out error),
            SignalKind.Credit => TryParseCredit(data, out facts, out error),
            SignalKind.Hazard => TryParseHazard(data, out facts, out error),
            SignalKind.EquipmentInspection => TryParseEquipmentInspection(data, out facts, out error),
            SignalKind.Maintenance => Succeed(new MaintenanceFacts(), out facts, out error),
            SignalKind.Fault => TryParseFault(data, out facts, out error),
            SignalKind.InspectionDueSoon or SignalKind.InspectionOverdue or SignalKind.MaintenanceOverdue => TryParseDueDate(data, out facts, out error),
            _ => Fail($"kind: unknown signal kind {kind}", out facts, out error),
        };
    }

    /// <summary>The canonical compact JSON of the facts, in the API's wire shape (absent optionals omitted).</summary>
    public static string ToJson(SignalFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            switch (facts)
            {
                case InspectionFacts inspection:
                    writer.WriteString("result", InspectionResults.Name(inspection.Result));
                    writer.WriteStartArray("findings");
                    foreach (var finding in inspection.Findings)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("severity", Severities.Name(finding));
                        writer.WriteEndObject();
                    }
                    writer.WriteEndArray();
                    if (inspection.PlanId is not null)
                    {
                        writer.WriteString("planId", inspection.PlanId);
                    }
                    break;
                case ComplaintFacts complaint:
                    if (complaint.Category is not null)
                    {
                        writer.WriteString("category", complaint.Category);
                    }
                    break;
                case SamplingFacts sampling:
                    writer.WriteString("result", PassFail.Name(sampling.Failed ? PassOrFail.Fail : PassOrFail.Pass));
                    if (sampling.Item is not null)
                    {
                        writer.WriteString("item", sampling.Item);
                    }
                    if (sampling.Severity is { } samplingSeverity)
                    {
                        writer.WriteString("severity", Severities.Name(samplingSeverity));
                    }
                    break;
                case CreditFacts credit:
                    writer.WriteString("event", CreditEvents.Name(credit.Event));
                    break;
                case HazardFacts hazard:
                    writer.WriteString("hazardId", hazard.HazardId);
                    writer.WriteString("state", HazardStates.Name(hazard.Open ? HazardState.Open : HazardState.Rectified));
                    writer.WriteString("severity", Severities.Name(hazard.Severity));
                    break;
                case EquipmentInspectionFacts equipmentInspection:
                    writer.WriteString("result", PassFail.Name(equipmentInspection.Failed ? PassOrFail.Fail : PassOrFail.Pass));
                    if (equipmentInspection.NextDue is { } nextDue)
                    {
                        writer.WriteString("nextDue", nextDue.ToString(DateFormat, CultureInfo.InvariantCulture));
                    }
                    break;
                case MaintenanceFacts:
                    break;
                case FaultFacts fault:
                    writer.WriteBoolean("entrapment", fault.Entrapment);
                    break;
                case DueDateFacts dueDate:
                    writer.WriteString("dueDate", dueDate.DueDate.ToString(DateFormat, CultureInfo.InvariantCulture));
                    break;
                default:
                    throw new ArgumentException($"unsupported facts type {facts.GetType().Name}", nameof(facts));
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads what <see cref="ToJson"/> wrote (e.g. from the signal log).</summary>
    /// <exception cref="FormatException">The text is not JSON, or not valid facts for the kind.</exception>
    public static SignalFacts FromJson(SignalKind kind, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new FormatException($"{kind.ToWire()} facts are not JSON: {exception.Message}", exception);
        }
        using (document)
        {
            return TryParse(kind, document.RootElement, out var facts, out var error) && facts is not null
                ? facts
                : throw new FormatException($"{kind.ToWire()} facts are invalid: {error}");
        }
    }

    private static bool TryParseInspection(JsonElement data, out SignalFacts? facts, out string error)
    {
        facts = null;
        if (!InspectionResults.TryReadRequired(data, "result", "data.result", out var result, out error))
        {
            return false;
        }
        var findings = new List<Severity>();
        if (JsonFields.TryGetPresent(data, "findings", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                return Fail("data.findings: expected an array of {\"severity\"}", out facts, out error);
            }
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    return Fail($"data.findings[{index}]: expected an object with a severity", out facts, out error);
                }
                if (!Severities.TryReadRequired(item, "severity", $"data.findings[{index}].severity", out var severity, out error))
                {
                    return false;
                }
                findings.Add(severity);
                index++;
            }
        }
        if (!TryReadOptionalString(data, "planId", out var planId, out error))
        {
            return false;
        }
        if (planId is { Length: > InspectionFacts.MaxPlanIdLength })
        {
            return Fail($"data.planId: longer than {InspectionFacts.MaxPlanIdLength} characters", out facts, out error);
        }
        return Succeed(new InspectionFacts(result, findings) { PlanId = planId }, out facts, out error);
    }

    private static bool TryParseComplaint(JsonElement data, out SignalFacts? facts, out string error)
    {
        facts = null;
        return TryReadOptionalString(data, "category", out var category, out error)
            && Succeed(new ComplaintFacts(category), out facts, out error);
    }

    private static bool TryParseSampling(JsonElement data, out SignalFacts? facts, out string error)
    {
        facts = null;
        return PassFail.TryReadRequired(data, "result", "data.result", out var result, out error)
            && TryReadOptionalString(data, "item", out var item, out error)
            && Severities.TryReadOptional(data, "severity", "data.severity", out var severity, out error)
            && Succeed(new SamplingFacts(result == PassOrFail.Fail, item, severity), out facts, out error);
    }

    private static bool TryParseCredit(JsonElement data, out SignalFacts? facts, out string error)
    {
        facts = null;
        return CreditEvents.TryReadRequired(data, "event", "data.event", out var creditEvent, out error)
            && Succeed(new CreditFacts(creditEvent), out facts, out error);
    }

    private static bool TryParseHazard(JsonElement data, out SignalFacts? facts, out string error)
    {
        facts = null;
        if (!JsonFields.TryGetPresent(data, "hazardId", out var idElement))
        {
            return Fail("data.hazardId: required", out facts, out error);
        }
        // Source systems number hazards; a numeric id is the same id as its digits.
        var hazardId = idElement.ValueKind switch
        {
            JsonValueKind.String => idElement.GetString(),
            JsonValueKind.Number => idElement.GetRawText(),
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(hazardId))
        {
            return Fail("data.hazardId: expected a non-empty string", out facts, out error);
        }
        // Absent severity defaults to major: a hazard worth reporting is not presumed minor.
        return HazardStates.TryReadRequired(data, "state", "data.state", out var state, out error)
            && Severities.TryReadOptional(data, "severity", "data.severity", out var severity, out error)
            && Succeed(new HazardFacts(hazardId, state == HazardState.Open, severity ?? Severity.Major), out facts, out error);
    }

    private static bool TryParseEquipmentInspection(JsonElement data, out SignalFacts? facts, out string error)
    {
        facts = null;
        return PassFail.TryReadRequired(data, "result", "data.result", out var result, out error)
            && TryReadDate(data, "nextDue", required: false, out var nextDue, out error)
            && Succeed(new EquipmentInspectionFacts(result == PassOrFail.Fail, nextDue), out facts, out error);
    }

    private static bool TryParseFault(JsonElement data, out SignalFacts? facts, out string error)
    {
        facts = null;
        var entrapment = false;
        if (JsonFields.TryGetPresent(data, "entrapment", out var element))
        {
            if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return Fail("data.entrapment: expected true or false", out facts, out error);
            }
            entrapment = element.GetBoolean();
        }
        return Succeed(new FaultFacts(entrapment), out facts, out error);
    }

    private static bool TryParseDueDate(JsonElement data, out SignalFacts? facts, out string error)
    {
        facts = null;
        return TryReadDate(data, "dueDate", required: true, out var dueDate, out error)
            && Succeed(new DueDateFacts(dueDate!.Value), out facts, out error);
    }

    private static bool TryReadOptionalString(JsonElement data, string field, out string? value, out string error)
    {
        value = null;
        error = string.Empty;
        if (!JsonFields.TryGetPresent(data, field, out var element))
        {
            return true;
        }
        if (element.ValueKind != JsonValueKind.String)
        {
            error = $"data.{field}: expected a string";
            return false;
        }
        value = element.GetString();
        return true;
    }

    private static bool TryReadDate(JsonElement data, string field, bool required, out DateOnly? value, out string error)
    {
        value = null;
        error = string.Empty;
        if (!JsonFields.TryGetPresent(data, field, out var element))
        {
            if (required)
            {
                error = $"data.{field}: required ({DateFormat})";
                return false;
            }
            return true;
        }
        if (element.ValueKind != JsonValueKind.String
            || !DateOnly.TryParseExact(element.GetString(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            error = $"data.{field}: expected a date {DateFormat}";
            return false;
        }
        value = date;
        return true;
    }

    private static bool Succeed(SignalFacts parsed, out SignalFacts? facts, out string error)
    {
        facts = parsed;
        error = string.Empty;
        return true;
    }

    private static bool Fail(string message, out SignalFacts? facts, out string error)
    {
        facts = null;
        error = message;
        return false;
    }
}
