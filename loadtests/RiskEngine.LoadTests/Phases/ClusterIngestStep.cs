using RiskEngine.LoadTests.CommandLine;
using RiskEngine.LoadTests.Hosting;
using RiskEngine.LoadTests.Reporting;
using RiskEngine.LoadTests.Workload;

namespace RiskEngine.LoadTests.Phases;

/// <summary>
/// One server count of the PostgreSQL ingest benchmark: a fresh scratch schema migrated by the server build, that many
/// servers on it, the engine side with applied signals measured (<see cref="IngestEngineSide"/>), then the schema
/// dropped, so every count starts from the same empty database and leaves nothing behind for the next.
/// </summary>
public static class ClusterIngestStep
{
    /// <param name="settings">The run's settings; <see cref="IngestSettings.Postgres"/> is where the schema goes.</param>
    /// <param name="schemaName">The scratch schema's name, new for this count.</param>
    /// <param name="launch">Given the schema's storage configuration, the servers to start (one per entry).</param>
    /// <param name="population">The entities to register.</param>
    /// <param name="workload">The closed loop's signals, fresh for this count.</param>
    /// <param name="warmup">Unmeasured time first.</param>
    /// <param name="duration">The measured span.</param>
    /// <param name="cancellationToken">Stops the step; the servers are killed and the schema dropped either way.</param>
    public static async Task<EngineSideFigures> RunAsync(
        IngestSettings settings, string schemaName, Func<IReadOnlyDictionary<string, string>, IReadOnlyList<ServerLaunch>> launch,
        EntityPopulation population, SignalWorkload workload, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        var schema = await PostgresScratchSchema.CreateAsync(settings.Postgres!, schemaName, cancellationToken);
        try
        {
            Console.WriteLine($"0. PostgreSQL: fresh schema {schema.Name}; db migrate with the server build");
            await DatabaseMigration.RunAsync(settings.ServerDll, schema.ServerStorage, cancellationToken);
            return await IngestEngineSide.RunAsync(
                settings, launch(schema.ServerStorage), schema.ConnectionString, population, workload, warmup, duration, measureApplied: true, cancellationToken);
        }
        finally
        {
            await schema.DisposeAsync();
        }
    }
}
