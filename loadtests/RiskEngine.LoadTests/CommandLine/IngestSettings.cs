namespace RiskEngine.LoadTests.CommandLine;

/// <summary>What the ingest benchmark was asked to do, after parsing and range checks.</summary>
/// <param name="Seconds">Measured duration of each side: the engine and the raw SQLite baseline.</param>
/// <param name="WarmupSeconds">Unmeasured time before each side's measurement (JIT, caches, file growth).</param>
/// <param name="Batch">Signals per HTTP request, and rows per raw SQLite transaction.</param>
/// <param name="Clients">Concurrent HTTP clients posting batches.</param>
/// <param name="Entities">Entities registered through the API before the measurement; signals name them.</param>
/// <param name="Verify">Acknowledged signals re-posted afterwards, each of which must come back a duplicate.</param>
/// <param name="ServerDll">The Release build of RiskEngine.Server to start.</param>
/// <param name="OutDirectory">Where the JSON and Markdown reports go.</param>
/// <param name="ServerSettings">Extra server configuration (Section:Key=value, or environment variables), for experiments.</param>
/// <param name="Storage">Where the servers keep their data: the embedded SQLite files, or a PostgreSQL cluster.</param>
/// <param name="ServerCounts">
/// How many server processes (a cluster when more than one; PostgreSQL only); several counts run one after the other,
/// each on a fresh schema, in the order given.
/// </param>
/// <param name="Postgres">The PostgreSQL connection string (PostgreSQL mode only; never written to the reports).</param>
public sealed record IngestSettings(
    int Seconds,
    int WarmupSeconds,
    int Batch,
    int Clients,
    int Entities,
    int Verify,
    string ServerDll,
    string OutDirectory,
    IReadOnlyDictionary<string, string> ServerSettings,
    StorageMode Storage,
    IReadOnlyList<int> ServerCounts,
    [property: System.Text.Json.Serialization.JsonIgnore] string? Postgres = null)
{
    /// <summary>
    /// The first (usually the only) count: the one the report's single-count fields (<c>engine</c>, <c>ratio</c>, ...)
    /// describe; kept in the JSON as <c>servers</c> so tools written before the list form still read it.
    /// </summary>
    public int Servers => ServerCounts[0];
}
