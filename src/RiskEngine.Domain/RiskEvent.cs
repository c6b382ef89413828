using System.Text.Json.Serialization;

namespace RiskEngine.Domain;

/// <summary>
/// A signal as a subject sees it. <paramref name="Seq"/> is the signal log's sequence number (unique,
/// positive) and identifies the signal for idempotency; <paramref name="OccurredAt"/> is event time,
/// which drives ordering and decay.
/// </summary>
[JsonConverter(typeof(RiskEventJsonConverter))]
public sealed record RiskEvent(long Seq, SignalKind Kind, DateTimeOffset OccurredAt, SignalFacts Facts);
