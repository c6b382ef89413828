using Microsoft.Data.Sqlite;
using RiskEngine.LoadTests.Workload;

namespace RiskEngine.LoadTests.Phases;

/// <summary>
/// After the server was killed outright, opens its signal log file (SQLite recovers the WAL on open, as a
/// restarted server would) and looks for every acknowledged signal by its source id.
/// </summary>
public static class LogFileCheck
{
    /// <summary>How many of the acknowledged signals the log holds, and how many it lacks.</summary>
    public sealed record Outcome(long Found, long Missing, long RowsOfThisRun);

    public static Outcome Run(string signalsDb, SignalWorkload workload, AcknowledgedSignals acknowledged)
    {
        if (!File.Exists(signalsDb))
        {
            throw new InvalidOperationException($"The server's signal log {signalsDb} does not exist.");
        }

        var tally = new LoggedSignalTally(workload);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = signalsDb, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT source_id FROM signal_log";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                tally.Add(reader.GetString(0));
            }
        }

        return tally.Compare(acknowledged);
    }
}
