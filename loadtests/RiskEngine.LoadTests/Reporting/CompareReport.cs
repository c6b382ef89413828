using RiskEngine.LoadTests.CommandLine;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>Everything one compare run measured, as written to report.json.</summary>
/// <param name="Benchmark">"compare".</param>
/// <param name="RunId">Tags this run's source ids and its report folder.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="FinishedAt">When it finished.</param>
/// <param name="Machine">Where it ran.</param>
/// <param name="Settings">What it was asked to do.</param>
/// <param name="ServerSettings">Configuration given to both servers beyond their defaults (each side's own is in its figures).</param>
/// <param name="EndToEnd">(a) The engine end to end: logged and applied.</param>
/// <param name="Overload">After (a), on the same server: open-model traffic at a multiple of its durable rate; null when left out.</param>
/// <param name="HttpAndLog">(b) The same closed loop against a server that records signals durably without applying them.</param>
/// <param name="RawAppend">(c) Raw SQLite appends into the engine's signal_log, the servers stopped.</param>
/// <param name="Yardsticks">(d) The yardsticks, run as child processes (or why not).</param>
/// <param name="Targets">The ratios and figures beside their targets.</param>
/// <param name="Problems">What deserves a look, in words (empty when nothing does).</param>
public sealed record CompareReport(
    string Benchmark,
    string RunId,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    MachineInfo Machine,
    CompareSettings Settings,
    IReadOnlyDictionary<string, string> ServerSettings,
    CompareSideFigures EndToEnd,
    OverloadFigures? Overload,
    CompareSideFigures HttpAndLog,
    BaselineFigures RawAppend,
    IReadOnlyList<YardstickFigures> Yardsticks,
    IReadOnlyList<TargetFigure> Targets,
    IReadOnlyList<string> Problems);
