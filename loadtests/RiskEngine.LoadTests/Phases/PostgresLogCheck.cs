using Npgsql;
using RiskEngine.LoadTests.Workload;

namespace RiskEngine.LoadTests.Phases;

/// <summary>
/// After every server of the cluster was killed outright, reads this run's source ids from the shared
/// <c>signal_log</c> table and looks for every acknowledged signal among them.
/// </summary>
public static class PostgresLogCheck
{
    public static async Task<LogFileCheck.Outcome> RunAsync(
        string connectionString, SignalWorkload workload, AcknowledgedSignals acknowledged, CancellationToken cancellationToken)
    {
        var tally = new LoggedSignalTally(workload);
        await ForEachSourceIdAsync(connectionString, tally.Add, cancellationToken);
        return tally.Compare(acknowledged);
    }

    /// <summary>Hands every source id in <c>signal_log</c> to <paramref name="visit"/>.</summary>
    public static async Task ForEachSourceIdAsync(string connectionString, Action<string> visit, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT source_id FROM signal_log", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            visit(reader.GetString(0));
        }
    }
}
