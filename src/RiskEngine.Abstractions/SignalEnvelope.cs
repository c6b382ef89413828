using RiskEngine.Domain;

namespace RiskEngine.Abstractions;

/// <summary>A logged signal on its way to the grain of its subject. <see cref="Seq"/> makes delivery idempotent.</summary>
[GenerateSerializer, Immutable, Alias("signal-envelope")]
public sealed record SignalEnvelope(
    [property: Id(0)] long Seq,
    [property: Id(1)] SignalKind Kind,
    [property: Id(2)] DateTimeOffset OccurredAt,
    [property: Id(3)] DateTimeOffset IngestedAt,
    [property: Id(4)] string Data);
