using RiskEngine.LoadTests.Stats;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>One server side of compare: the closed loop's figures and what the server said about itself meanwhile.</summary>
/// <param name="Name">"end to end" or "HTTP and log alone".</param>
/// <param name="Description">What the side measures, in words.</param>
/// <param name="SideSettings">The server configuration that sets this side apart from the other.</param>
/// <param name="Registration">Entities registered through the API before the measurement.</param>
/// <param name="Engine">The closed loop: durable signals per second, request latency, refusals, CPU.</param>
/// <param name="Apply">Applied signals per second and the apply lag; null when the server does not report them.</param>
/// <param name="StorageTraffic">The server's I/O per durable signal over the measured span; null without /proc/PID/io.</param>
/// <param name="Memory">Memory per resident subject at the end of the measured span; null when the server does not report it.</param>
/// <param name="Loss">Whether anything acknowledged on this side (overload traffic included) was lost.</param>
/// <param name="StatsUnavailable">Why there are no stats, when there are none.</param>
/// <param name="Stats">The server's stats, read every few seconds, each labelled with what the side was doing.</param>
/// <param name="ServerLog">What the server logged.</param>
/// <param name="ServerStartFailures">Starts that died before the server was ready (each retried).</param>
public sealed record CompareSideFigures(
    string Name,
    string Description,
    IReadOnlyDictionary<string, string> SideSettings,
    RegistrationFigures Registration,
    EngineFigures Engine,
    ApplyFigures? Apply,
    StorageTrafficFigures? StorageTraffic,
    ResidentMemoryFigures? Memory,
    LossFigures Loss,
    string? StatsUnavailable,
    IReadOnlyList<StatsSample> Stats,
    ServerLogSummary ServerLog,
    IReadOnlyList<string> ServerStartFailures);
