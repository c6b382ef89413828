namespace RiskEngine.Abstractions;

/// <summary>What an officer's command did to an alert.</summary>
[GenerateSerializer, Immutable, Alias("alert-command-result")]
public sealed record AlertCommandResult(
    [property: Id(0)] AlertCommandOutcome Outcome,
    [property: Id(1)] AlertView? Alert,
    [property: Id(2)] string? ConflictBy,
    [property: Id(3)] DateTimeOffset? ConflictAt,
    [property: Id(4)] string? Detail);

[GenerateSerializer]
public enum AlertCommandOutcome
{
    Done,
    NotFound,
    AlreadyAcknowledged,
    AlreadyResolved,
}
