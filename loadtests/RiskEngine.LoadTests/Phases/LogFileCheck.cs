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
        var tally = new LoggedSignalTally(workload);
        ForEachSourceId(signalsDb, tally.Add);
        return tally.Compare(acknowledged);
    }

    /// <summary>Hands every source id in the log file to <paramref name="visit"/>.</summary>
    /// <exception cref="InvalidOperationException">The file does not exist.</exception>
    public static void ForEachSourceId(string signalsDb, Action<string> visit)
    {
        if (!File.Exists(signalsDb))
        {
            throw new InvalidOperationException($"The server's signal log {signalsDb} does not exist.");
        }

        var connectionString = new SqliteConnectionStringBuilder { DataSource = signalsDb, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT source_id FROM signal_log";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            visit(reader.GetString(0));
        }
    }
}
