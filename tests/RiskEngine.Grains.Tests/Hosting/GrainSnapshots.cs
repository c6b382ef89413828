using Microsoft.Data.Sqlite;

namespace RiskEngine.Grains.Tests.Hosting;

/// <summary>Looks into the grain-state table the AdoNet provider writes snapshots to.</summary>
public static class GrainSnapshots
{
    /// <summary>The stored version of a grain's snapshot (Orleans keeps string keys in the id extension), null when none was written.</summary>
    public static long? VersionOf(string stateFile, string grainKey)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = stateFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString;
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM grain_state WHERE id_ext = @key AND payload IS NOT NULL";
        command.Parameters.AddWithValue("@key", grainKey);
        return command.ExecuteScalar() is long version ? version : null;
    }
}
