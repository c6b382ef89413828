using Npgsql;

namespace RiskEngine.LoadTests.Stats;

/// <summary>
/// What the servers keep on disk, read from outside while they run: the files of each embedded server's data folder
/// by name (the SQLite databases and their write-ahead logs), or each table of the run's PostgreSQL schema with its
/// indexes and TOAST. A soak reads it every few seconds to show whether storage grows with the signals and no faster.
/// </summary>
public sealed class StorageFootprint
{
    private const string TableSizes = """
        SELECT c.relname, pg_total_relation_size(c.oid)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
        """;

    private readonly IReadOnlyList<string> _dataFolders;
    private readonly string? _postgres;

    private StorageFootprint(IReadOnlyList<string> dataFolders, string? postgres)
    {
        _dataFolders = dataFolders;
        _postgres = postgres;
    }

    public static StorageFootprint OfDataFolders(IReadOnlyList<string> dataFolders) => new(dataFolders, null);

    public static StorageFootprint OfPostgresSchema(string connectionString) => new([], connectionString);

    /// <summary>Bytes by file or table name, summed over the servers; null when it could not be read this time.</summary>
    public async Task<IReadOnlyDictionary<string, long>?> ReadAsync(CancellationToken cancellationToken)
    {
        var sizes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        try
        {
            if (_postgres is not null)
            {
                await using var connection = new NpgsqlConnection(_postgres);
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand(TableSizes, connection);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    sizes[reader.GetString(0)] = reader.GetInt64(1);
                }

                return sizes;
            }

            foreach (var folder in _dataFolders.Where(Directory.Exists))
            {
                foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories))
                {
                    var name = Path.GetRelativePath(folder, file.FullName);
                    sizes[name] = sizes.GetValueOrDefault(name) + file.Length;
                }
            }

            return sizes;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or NpgsqlException)
        {
            // A write-ahead log checkpointed away between listing and reading, or a busy database: the next reading will do.
            return null;
        }
    }
}
