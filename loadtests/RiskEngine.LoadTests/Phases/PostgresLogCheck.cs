using System.Collections;
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
        var present = new BitArray(checked((int)workload.Issued));
        long rows = 0;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT source_id FROM signal_log", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var number = workload.NumberOf(reader.GetString(0));
                if (number >= 0 && number < present.Length)
                {
                    present[(int)number] = true;
                    rows++;
                }
            }
        }

        long found = 0;
        long missing = 0;
        foreach (var number in acknowledged.All())
        {
            if (present[(int)number])
            {
                found++;
            }
            else
            {
                missing++;
            }
        }

        return new LogFileCheck.Outcome(found, missing, rows);
    }
}
