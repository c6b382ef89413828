using Microsoft.Extensions.Logging.Abstractions;
using RiskEngine.Storage.Relational;
using RiskEngine.Storage.Sqlite;

namespace RiskEngine.Storage.Tests.Relational;

/// <summary>The stores on the embedded SQLite file, beside its group-commit log writer.</summary>
public sealed class SqliteRelationalStoresTests : RelationalStoresContract, IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();
    private SqliteDatabase? _log;
    private RelationalDatabase? _database;
    private RelationalDatabase? _second;

    protected override RelationalDatabase Database => _database!;

    protected override RelationalDatabase SecondDatabase => _second!;

    protected override ISubjectDirectory Directory => new SqliteSubjectDirectory(_log!, TimeProvider.System);

    public Task InitializeAsync()
    {
        _log = new SqliteDatabase(_directory.File("signals.db"), 1000, NullLoggerFactory.Instance);
        _database = RelationalDatabase.ForSqlite(_log.Path);
        _second = RelationalDatabase.ForSqlite(_log.Path);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _database!.DisposeAsync();
        await _second!.DisposeAsync();
        _log!.Dispose();
        _directory.Dispose();
    }
}
