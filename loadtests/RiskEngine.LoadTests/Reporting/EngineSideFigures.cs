namespace RiskEngine.LoadTests.Reporting;

/// <summary>What the ingest benchmark's engine side measured with one set of servers, before it is set beside the baselines.</summary>
/// <param name="Servers">Server processes it ran (more than one: a cluster on PostgreSQL).</param>
/// <param name="Registration">Entities registered through the first server.</param>
/// <param name="Engine">Durable signals per second, latency and the CPU split of the measured span.</param>
/// <param name="Apply">
/// Applied signals per second over the same span, from <c>appliedTotal</c> summed over the servers; null when not
/// measured (SQLite mode) or the servers do not report it.
/// </param>
/// <param name="StatsUnavailable">Why the servers' stats could not be read, when they could not.</param>
/// <param name="Loss">Whether anything acknowledged was lost.</param>
/// <param name="ServerStartFailures">Starts that died before the server was ready (each retried): their first error.</param>
public sealed record EngineSideFigures(
    int Servers,
    RegistrationFigures Registration,
    EngineFigures Engine,
    ApplyFigures? Apply,
    string? StatsUnavailable,
    LossFigures Loss,
    IReadOnlyList<string> ServerStartFailures);
