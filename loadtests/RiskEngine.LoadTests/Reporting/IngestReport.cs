using RiskEngine.LoadTests.CommandLine;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>
/// Everything one ingest benchmark run measured, as written to the JSON report. With several server counts
/// (<c>--servers 1,2,3</c>) the single-count fields describe the first count (<see cref="IngestSettings.Servers"/>), so tools
/// written before the list form still read a consistent report, except <see cref="Loss"/>, <see cref="ServerLog"/> and
/// <see cref="ServerStartFailures"/>, which cover every count; <see cref="Scaling"/> has each count's figures.
/// </summary>
/// <param name="Benchmark">"ingest".</param>
/// <param name="RunId">Tags this run's source ids and file names.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="FinishedAt">When it finished.</param>
/// <param name="Machine">Where it ran.</param>
/// <param name="Settings">What it was asked to do.</param>
/// <param name="ServerSettings">Configuration given to the server beyond its defaults.</param>
/// <param name="Registration">Entities registered through the API.</param>
/// <param name="Engine">The engine over HTTP, durable signals per second.</param>
/// <param name="Baseline">Raw writes into the same table: SQLite inserts, or binary COPY in PostgreSQL mode.</param>
/// <param name="Ratio">Engine signals/s divided by raw rows/s.</param>
/// <param name="Loss">Whether anything acknowledged was lost.</param>
/// <param name="ServerLog">What the server logged during the run.</param>
/// <param name="Naive">PostgreSQL mode: naive per-signal state writes (one WriteToStorageKey round trip per signal); null for SQLite.</param>
/// <param name="NaiveRatio">PostgreSQL mode: engine signals/s divided by naive writes/s; null for SQLite.</param>
/// <param name="Scaling">PostgreSQL mode: each server count's figures (durable and applied signals/s, CPU per signal, ratios) and the targets; null for SQLite.</param>
/// <param name="ServerStartFailures">Starts of the server that died before it was ready (each retried with a fresh data folder): their first error.</param>
public sealed record IngestReport(
    string Benchmark,
    string RunId,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    MachineInfo Machine,
    IngestSettings Settings,
    IReadOnlyDictionary<string, string> ServerSettings,
    RegistrationFigures Registration,
    EngineFigures Engine,
    BaselineFigures Baseline,
    double Ratio,
    LossFigures Loss,
    ServerLogSummary ServerLog,
    IReadOnlyList<string> ServerStartFailures,
    NaiveFigures? Naive = null,
    double? NaiveRatio = null,
    ScalingFigures? Scaling = null);
