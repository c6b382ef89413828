namespace RiskEngine.LoadTests.Workload;

/// <summary>What a generator makes of one hash: the shape, the subject and the event time (the stream adds the source id).</summary>
public readonly record struct GeneratedSignal(SignalTemplate Template, string SubjectId, DateTimeOffset OccurredAt);
