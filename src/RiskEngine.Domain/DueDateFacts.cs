namespace RiskEngine.Domain;

/// <summary>The due date behind an internal due-date signal (inspection due soon / overdue, maintenance overdue).</summary>
public sealed record DueDateFacts(DateOnly DueDate) : SignalFacts;
