using RiskEngine.Domain;

namespace RiskEngine.Storage;

/// <summary>A signal as the log holds it: durable, numbered, the source of truth for every score.</summary>
public sealed record LoggedSignal(
    long Seq,
    string Source,
    string SourceId,
    SubjectKind SubjectKind,
    string SubjectId,
    SignalKind Kind,
    DateTimeOffset OccurredAt,
    DateTimeOffset IngestedAt,
    string Data);
