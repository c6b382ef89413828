using RiskEngine.Domain;

namespace RiskEngine.Grains.Subjects;

/// <summary>
/// A retained event in a subject's snapshot, kept in the log's own form (kind + canonical facts JSON) so the
/// snapshot format does not change when the risk model's internals do.
/// </summary>
[GenerateSerializer, Immutable, Alias("snapshot-event")]
public sealed record SnapshotEvent(
    [property: Id(0)] long Seq,
    [property: Id(1)] SignalKind Kind,
    [property: Id(2)] DateTimeOffset OccurredAt,
    [property: Id(3)] string Data)
{
    public static SnapshotEvent From(RiskEvent e) => new(e.Seq, e.Kind, e.OccurredAt, SignalFactsCodec.ToJson(e.Facts));

    public RiskEvent ToRiskEvent() => new(Seq, Kind, OccurredAt, SignalFactsCodec.FromJson(Kind, Data));
}
