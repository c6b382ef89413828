using System.Text.Json;

namespace RiskEngine.Server.Signals;

/// <summary>One signal of the public contract (documents the body; the endpoint validates each item itself).</summary>
/// <param name="Source">The sending system, e.g. "12315".</param>
/// <param name="SourceId">That system's own id; (source, sourceId) identifies the signal forever.</param>
/// <param name="Kind">inspection, complaint, sampling, credit, hazard, equipment-inspection, maintenance or fault.</param>
/// <param name="SubjectId">A USCC for entity kinds, an equipment code for equipment kinds.</param>
/// <param name="OccurredAt">When it happened, ISO 8601 with offset; may be old (backfills land in place).</param>
/// <param name="Data">Kind-specific facts.</param>
public sealed record SignalRequest(string Source, string SourceId, string Kind, string SubjectId, DateTimeOffset OccurredAt, JsonElement? Data);
