namespace RiskEngine.LoadTests.Reporting;

/// <summary>
/// One server count of a PostgreSQL ingest run: that many servers on a fresh schema of the same PostgreSQL, driven by
/// the same closed loop; what they made durable and applied, what each durable signal cost the servers and PostgreSQL,
/// and how that compares with one server and with raw COPY in the same run.
/// </summary>
/// <param name="Servers">Server processes in the cluster.</param>
/// <param name="Registration">Entities registered through the first server.</param>
/// <param name="Engine">Durable signals per second, latency, and the CPU split of the measured span (servers, load generator, PostgreSQL, other).</param>
/// <param name="Apply">
/// Applied signals per second: the growth of <c>appliedTotal</c> summed over the servers between the end of the warm-up
/// and the end of the span, with the apply lag at its end; null when the servers did not report it.
/// </param>
/// <param name="StatsUnavailable">Why applied signals were not measured, when they were not.</param>
/// <param name="ServerMicrosecondsPerSignal">CPU time of all the servers over the span per durable signal, in µs; null without /proc.</param>
/// <param name="PostgresMicrosecondsPerSignal">CPU time of PostgreSQL's processes over the span per durable signal, in µs; null without /proc.</param>
/// <param name="LoadGeneratorMicrosecondsPerSignal">This program's CPU time per durable signal, in µs; null without /proc.</param>
/// <param name="DurableToOneServer">Durable signals/s over the 1-server figure of the same run; null when 1 is not among the counts.</param>
/// <param name="AppliedToOneServer">Applied signals/s over the 1-server figure of the same run; null when either was not measured.</param>
/// <param name="DurableToRawCopy">Durable signals/s over raw COPY rows/s.</param>
/// <param name="DurableToNaive">Durable signals/s over naive state writes/s.</param>
/// <param name="PostgresPerSignalToRawCopyPerRow">
/// PostgreSQL's µs per durable signal over its µs per raw COPY row: how many bare appends' worth of PostgreSQL work a
/// signal costs; null when either was not measured.
/// </param>
/// <param name="Loss">Whether anything acknowledged was lost.</param>
/// <param name="ServerStartFailures">Starts that died before the server was ready (each retried): their first error.</param>
public sealed record ServerCountFigures(
    int Servers,
    RegistrationFigures Registration,
    EngineFigures Engine,
    ApplyFigures? Apply,
    string? StatsUnavailable,
    double? ServerMicrosecondsPerSignal,
    double? PostgresMicrosecondsPerSignal,
    double? LoadGeneratorMicrosecondsPerSignal,
    double? DurableToOneServer,
    double? AppliedToOneServer,
    double DurableToRawCopy,
    double? DurableToNaive,
    double? PostgresPerSignalToRawCopyPerRow,
    LossFigures Loss,
    IReadOnlyList<string> ServerStartFailures)
{
    /// <summary>"1 server", "3 servers".</summary>
    public static string Label(int servers) => servers == 1 ? "1 server" : $"{servers} servers";
}
