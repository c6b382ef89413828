using RiskEngine.Domain;

namespace RiskEngine.Abstractions;

/// <summary>One subject's share of a dispatch, sent to the server its grain lives on.</summary>
[GenerateSerializer, Immutable, Alias("subject-delivery")]
public sealed record SubjectDelivery(
    [property: Id(0)] SubjectKind Kind,
    [property: Id(1)] string SubjectId,
    [property: Id(2)] SignalEnvelope[] Signals);
