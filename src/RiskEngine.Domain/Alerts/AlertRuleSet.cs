using System.Globalization;
using System.Text.Json;

namespace RiskEngine.Domain.Alerts;

/// <summary>The alert rules and the escalation policy, read from seeds/alert-rules.json.</summary>
public sealed class AlertRuleSet
{
    public AlertRuleSet(IReadOnlyList<AlertRule> rules, TimeSpan escalateAfter, RiskLevel escalateFrom)
    {
        Rules = rules;
        EscalateAfter = escalateAfter;
        EscalateFrom = escalateFrom;
        ById = rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<AlertRule> Rules { get; }

    public IReadOnlyDictionary<string, AlertRule> ById { get; }

    /// <summary>An open alert at or above <see cref="EscalateFrom"/> escalates each time this passes unacknowledged.</summary>
    public TimeSpan EscalateAfter { get; }

    public RiskLevel EscalateFrom { get; }

    /// <summary>Rules fired by one newly applied signal.</summary>
    public IEnumerable<AlertTrigger> OnSignal(RiskEvent signal, RiskHistory history, double score, DateTimeOffset now)
    {
        foreach (var rule in Rules)
        {
            var fires = rule.Trigger switch
            {
                AlertTriggerKind.Entrapment => signal.Facts is FaultFacts { Entrapment: true },
                AlertTriggerKind.EquipmentInspectionFailed => signal.Facts is EquipmentInspectionFacts { Failed: true },
                AlertTriggerKind.SamplingFailure => signal.Facts is SamplingFacts { Failed: true } sampling
                    && (sampling.Severity ?? Severity.Minor) >= rule.MinimumSeverity,
                AlertTriggerKind.ComplaintBurst => signal.Kind == SignalKind.Complaint && ComplaintsWithin(history, rule.Window, signal.OccurredAt) >= rule.Count,
                _ => false,
            };
            if (fires)
            {
                yield return new AlertTrigger(rule, signal.Seq, rule.Level, score, now);
            }
        }
    }

    /// <summary>
    /// Rules fired by the subject's level rising from <paramref name="before"/> to <paramref name="after"/>, at or above
    /// the rule's level; a rise within that band (orange to red) fires again so the alert takes the higher level.
    /// </summary>
    public IEnumerable<AlertTrigger> OnLevel(RiskLevel before, RiskLevel after, long cause, double score, DateTimeOffset now) =>
        Rules.Where(r => r.Trigger == AlertTriggerKind.Level && after > before && after >= r.Level)
            .Select(r => new AlertTrigger(r, cause, after, score, now));

    private static int ComplaintsWithin(RiskHistory history, TimeSpan window, DateTimeOffset end) =>
        history.EventsOf(SignalKind.Complaint).Count(e => e.OccurredAt <= end && e.OccurredAt > end - window);

    public static AlertRuleSet Parse(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var root = document.RootElement;
        var escalation = root.GetProperty("escalation");
        var rules = new List<AlertRule>();
        foreach (var element in root.GetProperty("rules").EnumerateArray())
        {
            var id = element.GetProperty("id").GetString() ?? throw new FormatException("alert rule without an id");
            if (id.Contains('.', StringComparison.Ordinal) || id.Length == 0)
            {
                throw new FormatException($"alert rule id '{id}' must be non-empty and must not contain '.'");
            }

            rules.Add(new AlertRule(
                id,
                element.GetProperty("zh").GetString() ?? id,
                element.GetProperty("en").GetString() ?? id,
                ParseTrigger(element.GetProperty("trigger").GetString(), id),
                ParseLevel(element.GetProperty("level").GetString(), id),
                ParseLevel(element.GetProperty("resolveBelow").GetString(), id),
                ParseSpan(element.GetProperty("autoResolveAfter").GetString(), id),
                element.TryGetProperty("minimumSeverity", out var severity) ? ParseSeverity(severity.GetString(), id) : Severity.Minor,
                element.TryGetProperty("count", out var count) ? count.GetInt32() : 1,
                element.TryGetProperty("window", out var window) ? ParseSpan(window.GetString(), id) : TimeSpan.Zero));
        }

        var repeated = rules.GroupBy(r => r.Id).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new FormatException($"alert rule '{repeated.Key}' is defined twice");
        }

        return new AlertRuleSet(
            rules,
            ParseSpan(escalation.GetProperty("after").GetString(), "escalation"),
            ParseLevel(escalation.GetProperty("from").GetString(), "escalation"));
    }

    private static AlertTriggerKind ParseTrigger(string? text, string rule) => text switch
    {
        "level" => AlertTriggerKind.Level,
        "entrapment" => AlertTriggerKind.Entrapment,
        "equipment-inspection-failed" => AlertTriggerKind.EquipmentInspectionFailed,
        "sampling-failure" => AlertTriggerKind.SamplingFailure,
        "complaint-burst" => AlertTriggerKind.ComplaintBurst,
        _ => throw new FormatException($"alert rule '{rule}': unknown trigger '{text}'"),
    };

    private static RiskLevel ParseLevel(string? text, string rule) =>
        RiskLevels.TryParseWire(text, out var level) ? level : throw new FormatException($"alert rule '{rule}': unknown level '{text}'");

    private static Severity ParseSeverity(string? text, string rule) => text switch
    {
        "minor" => Severity.Minor,
        "major" => Severity.Major,
        "critical" => Severity.Critical,
        _ => throw new FormatException($"alert rule '{rule}': unknown severity '{text}'"),
    };

    private static TimeSpan ParseSpan(string? text, string rule) =>
        TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero
            ? span
            : throw new FormatException($"alert rule '{rule}': '{text}' is not a duration (d.hh:mm:ss)");
}
