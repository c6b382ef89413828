using RiskEngine.Domain;

namespace RiskEngine.Storage;

/// <summary>A validated signal on its way into the log. <paramref name="District"/> registers an unknown subject.</summary>
public sealed record SignalToAppend(
    string Source,
    string SourceId,
    SubjectKind SubjectKind,
    string SubjectId,
    SignalKind Kind,
    DateTimeOffset OccurredAt,
    string Data,
    string? District);
