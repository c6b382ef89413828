using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using RiskEngine.Storage.Schema;

namespace RiskEngine.Storage.Sqlite;

/// <summary>
/// The embedded store's SQLite file: schema on first start, one group-commit writer, pooled readers.
/// Readers run on the thread pool so a grain turn or a request thread never blocks on SQLite.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private readonly string _readConnectionString;

    public SqliteDatabase(string path, int maxRowsPerCommit, ILoggerFactory loggerFactory)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var builder = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true };
        Writer = new SqliteGroupCommitWriter(builder.ConnectionString, maxRowsPerCommit, loggerFactory.CreateLogger<SqliteGroupCommitWriter>());
        _readConnectionString = new SqliteConnectionStringBuilder(builder.ConnectionString) { Mode = SqliteOpenMode.ReadOnly }.ConnectionString;
        EnsureSchema();
        Counter.Seed(Read(CountSubjectsByDistrict));
    }

    public string Path { get; }

    public SqliteGroupCommitWriter Writer { get; }

    public DistrictSubjectCounter Counter { get; } = new();

    /// <summary>Runs a read on the thread pool with a pooled read-only connection.</summary>
    public Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken = default) =>
        Task.Run(() => Read(read), cancellationToken);

    private T Read<T>(Func<SqliteConnection, T> read)
    {
        using var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        return read(connection);
    }

    private void EnsureSchema()
    {
        var script = SchemaScripts.Read("Sqlite/signals.sql");
        Writer.RunAsync(1, session =>
        {
            session.Command(script).ExecuteNonQuery();
            return true;
        }).GetAwaiter().GetResult();
    }

    private static List<KeyValuePair<string, long>> CountSubjectsByDistrict(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT district, count(*) FROM subject GROUP BY district";
        using var reader = command.ExecuteReader();
        var counts = new List<KeyValuePair<string, long>>();
        while (reader.Read())
        {
            counts.Add(new(reader.GetString(0), reader.GetInt64(1)));
        }

        return counts;
    }

    public void Dispose() => Writer.Dispose();
}
