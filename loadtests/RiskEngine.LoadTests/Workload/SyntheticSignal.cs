namespace RiskEngine.LoadTests.Workload;

/// <summary>One generated signal; everything about it follows from its number.</summary>
/// <param name="Number">Its position in the workload; unique within a run.</param>
/// <param name="SourceId">Its id at its source: (template source, SourceId) is unique within a run.</param>
/// <param name="Template">Kind, source and facts.</param>
/// <param name="SubjectId">The USCC of a registered entity.</param>
/// <param name="OccurredAt">Event time: within the 30 days before the run started.</param>
public readonly record struct SyntheticSignal(long Number, string SourceId, SignalTemplate Template, string SubjectId, DateTimeOffset OccurredAt);
