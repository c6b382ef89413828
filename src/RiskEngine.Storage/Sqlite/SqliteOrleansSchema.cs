using Microsoft.Data.Sqlite;
using RiskEngine.Storage.Schema;

namespace RiskEngine.Storage.Sqlite;

/// <summary>Creates the grain-state and reminder schema Orleans' ADO.NET providers use in embedded mode.</summary>
public static class SqliteOrleansSchema
{
    /// <summary>Ensures the schema in the file at <paramref name="path"/>; returns the connection string for the providers.</summary>
    public static string Ensure(string path)
    {
        var fullPath = Path.GetFullPath(path);
        PrivateDirectory.Create(Path.GetDirectoryName(fullPath)!);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ConnectionString;
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL;";
            pragma.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SchemaScripts.Read("Sqlite/orleans.sql");
        command.ExecuteNonQuery();
        transaction.Commit();
        return connectionString;
    }
}
