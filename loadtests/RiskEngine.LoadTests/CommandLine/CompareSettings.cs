namespace RiskEngine.LoadTests.CommandLine;

/// <summary>What <c>compare</c> was asked to do, after parsing and range checks; written into the report.</summary>
/// <param name="Seconds">Measured seconds of each side: end to end, HTTP and log alone, raw append, each yardstick, the overload.</param>
/// <param name="WarmupSeconds">Unmeasured seconds before each closed-loop side's and the raw append's measurement.</param>
/// <param name="Batch">Signals per request (and rows per raw transaction).</param>
/// <param name="Clients">Concurrent closed-loop HTTP clients.</param>
/// <param name="Entities">Entities registered before each server side; signals name them.</param>
/// <param name="Verify">Acknowledged signals re-posted on each server side afterwards; each must come back a duplicate.</param>
/// <param name="OverloadFactor">The open-model overload phase offers this many times the end-to-end durable rate; 0 leaves it out.</param>
/// <param name="MaxOutstanding">Unanswered overload requests beyond which the generator skips sends (counted as errors).</param>
/// <param name="ServerDll">The server build to start.</param>
/// <param name="OutDirectory">Where the run's report folder goes.</param>
/// <param name="PeersDirectory">Where the yardsticks are (each a folder with a <c>run</c> script); a missing one is reported as not run.</param>
/// <param name="ServerSettings">Extra server configuration (Section:Key=value) for both server sides.</param>
public sealed record CompareSettings(
    int Seconds,
    int WarmupSeconds,
    int Batch,
    int Clients,
    int Entities,
    int Verify,
    double OverloadFactor,
    int MaxOutstanding,
    string ServerDll,
    string OutDirectory,
    string PeersDirectory,
    IReadOnlyDictionary<string, string> ServerSettings);
