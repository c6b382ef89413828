using RiskEngine.LoadTests.CommandLine;
using RiskEngine.LoadTests.Traffic;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>Everything one scenario run measured, as written to report.json.</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="RunId">Tags this run's source ids and its report folder.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="FinishedAt">When it finished.</param>
/// <param name="Machine">Where it ran.</param>
/// <param name="Settings">What it was asked to do.</param>
/// <param name="ServerSettings">Configuration given to the servers beyond their defaults.</param>
/// <param name="City">The registered city and how fast it was registered.</param>
/// <param name="Phases">Each traffic phase: offered and achieved rates, latencies, errors.</param>
/// <param name="Traffic">All phases together.</param>
/// <param name="Wall">The SignalR wall clients and signal-to-wall latency.</param>
/// <param name="Server">Memory and active grains over time, and memory per active grain.</param>
/// <param name="Baselines">Measured in the same run with the servers stopped.</param>
/// <param name="Ratios">The engine's figures divided by the baselines'.</param>
/// <param name="Loss">Whether anything acknowledged was lost.</param>
/// <param name="Seconds">Per-second offered and accepted signals and 99th percentiles.</param>
/// <param name="Charts">PNG files beside the report.</param>
/// <param name="ServerLog">What the servers logged.</param>
/// <param name="ServerStartFailures">Starts that died before the server was ready (each retried).</param>
/// <param name="Problems">What went wrong in the run, in words (empty when nothing did).</param>
/// <param name="Soak">A soak's minutes and whether they stayed flat; null for the other scenarios.</param>
public sealed record ScenarioReport(
    string Scenario,
    string RunId,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    MachineInfo Machine,
    ScenarioSettings Settings,
    IReadOnlyDictionary<string, string> ServerSettings,
    CityFigures City,
    IReadOnlyList<PhaseFigures> Phases,
    PhaseFigures Traffic,
    WallFigures Wall,
    ServerFigures Server,
    ScenarioBaselines Baselines,
    IReadOnlyList<RatioFigure> Ratios,
    LossFigures Loss,
    IReadOnlyList<SecondFigures> Seconds,
    IReadOnlyList<string> Charts,
    ServerLogSummary ServerLog,
    IReadOnlyList<string> ServerStartFailures,
    IReadOnlyList<string> Problems,
    SoakFigures? Soak = null);
