namespace RiskEngine.Server.Alerts;

/// <summary>An officer's note with an acknowledgement or a resolution.</summary>
public sealed record AlertNoteRequest(string? Note);

/// <summary>Assign an alert to an officer.</summary>
public sealed record AlertAssignRequest(string? Assignee, string? Note);

/// <summary>Acknowledge several alerts with one note.</summary>
public sealed record BulkAcknowledgeRequest(IReadOnlyList<string>? Ids, string? Note);

/// <summary>Alerts, most urgent first.</summary>
public sealed record AlertListResponse(IReadOnlyList<AlertResponse> Items);

/// <summary>The outcome for one alert of a bulk acknowledgement: its HTTP status, and the alert or the error.</summary>
public sealed record BulkItemResult(string Id, int Status, AlertResponse? Alert, string? Error);

public sealed record BulkAcknowledgeResponse(IReadOnlyList<BulkItemResult> Results);

/// <summary>One recorded change of an alert.</summary>
public sealed record AuditEntryResponse(DateTimeOffset At, string Actor, string Action, string? FromState, string ToState, string Level, string? Note);

public sealed record AuditResponse(string AlertId, IReadOnlyList<AuditEntryResponse> Items);

/// <summary>Per district: alerts waiting and officers' mean times to acknowledge and to resolve (seconds).</summary>
public sealed record AlertDistrictStats(string District, long Open, long Acknowledged, long Resolved, double? MeanSecondsToAcknowledge, double? MeanSecondsToResolve);

public sealed record AlertStatsResponse(IReadOnlyList<AlertDistrictStats> Districts);
