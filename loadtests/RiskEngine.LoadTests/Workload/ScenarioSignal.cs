namespace RiskEngine.LoadTests.Workload;

/// <summary>One generated signal of a scenario's traffic; everything about it follows from its stream and number.</summary>
/// <param name="SourceId">Its id at its source: unique within the run (stream tag and number).</param>
/// <param name="Template">Kind, source system and facts.</param>
/// <param name="SubjectId">A registered entity's USCC or unit's equipment code.</param>
/// <param name="OccurredAt">Event time, in the city's local offset.</param>
public readonly record struct ScenarioSignal(string SourceId, SignalTemplate Template, string SubjectId, DateTimeOffset OccurredAt);
