namespace RiskEngine.LoadTests.Reporting;

/// <summary>The yardsticks measured in the same run, with the servers stopped.</summary>
/// <param name="RawAppendKind">"raw SQLite inserts" or "raw binary COPY": the physical limit of durability here.</param>
/// <param name="RawAppend">Rows made durable per second in the engine's own signal_log table, batches of the run's size.</param>
/// <param name="NaiveKind">What the naive baseline ran: the engine's SQLite or PostgreSQL WriteToStorageKey per signal.</param>
/// <param name="Naive">One state write per signal (a grain calling WriteStateAsync per signal).</param>
/// <param name="GrainCalls">The bare Orleans grain-call rate in an in-process silo.</param>
public sealed record ScenarioBaselines(
    string RawAppendKind,
    BaselineFigures RawAppend,
    string NaiveKind,
    NaiveFigures Naive,
    GrainCallFigures GrainCalls);
