using Microsoft.Extensions.Logging.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Storage.Sqlite;

namespace RiskEngine.Storage.Tests;

public sealed class SqliteSignalLogTests : IDisposable
{
    private static readonly string Entity = Uscc.FromBody("91420112700000011").Value;
    private readonly TemporaryDirectory _folder = new();
    private readonly RecordingListener _listener = new();
    private SqliteDatabase _database;
    private SqliteSignalLog _log;

    public SqliteSignalLogTests()
    {
        (_database, _log) = Open();
    }

    private (SqliteDatabase, SqliteSignalLog) Open()
    {
        var database = new SqliteDatabase(_folder.File("signals.db"), 10_000, NullLoggerFactory.Instance);
        return (database, new SqliteSignalLog(database, TimeProvider.System, _listener));
    }

    private static SignalToAppend Complaint(string sourceId, string? subject = null, int hoursAgo = 1) =>
        new("12315", sourceId, SubjectKind.Entity, subject ?? Entity, SignalKind.Complaint,
            DateTimeOffset.UtcNow.AddHours(-hoursAgo), SignalFactsCodec.ToJson(new ComplaintFacts(null)), "420112");

    [Fact]
    public async Task Appending_numbers_new_signals_and_counts_repeats_as_duplicates()
    {
        var first = await _log.AppendAsync([Complaint("a"), Complaint("b"), Complaint("a")]);

        Assert.Equal(2, first.Accepted);
        Assert.Equal(1, first.Duplicates);
        Assert.Null(first.Outcomes[2]);
        Assert.True(first.Outcomes[1]!.Seq > first.Outcomes[0]!.Seq);

        var again = await _log.AppendAsync([Complaint("b"), Complaint("c")]);
        Assert.Equal(1, again.Accepted);
        Assert.Null(again.Outcomes[0]);
    }

    [Fact]
    public async Task Signals_waiting_for_the_writer_count_in_its_queue_until_it_takes_them()
    {
        using var held = new HeldCommitListener();
        var log = new SqliteSignalLog(_database, TimeProvider.System, held);
        var first = log.AppendAsync([Complaint("a")]);
        await held.Holding.WaitAsync(TimeSpan.FromSeconds(30));

        var waiting = log.AppendAsync([Complaint("b"), Complaint("c"), Complaint("d")]);
        var queued = log.QueuedRows;
        held.Release();
        await Task.WhenAll(first, waiting);

        Assert.Equal((3L, 0L), (queued, log.QueuedRows));
    }

    [Fact]
    public async Task Appended_signals_survive_reopening_the_file_and_stay_duplicates()
    {
        await _log.AppendAsync([Complaint("a"), Complaint("b")]);
        _database.Dispose();

        (_database, _log) = Open();
        var read = await _log.ReadSubjectAsync(Entity, 0, 100);
        var repeat = await _log.AppendAsync([Complaint("a")]);

        Assert.Equal(["a", "b"], read.Select(s => s.SourceId));
        Assert.Equal(1, repeat.Duplicates);
    }

    [Fact]
    public async Task Reads_of_a_subject_are_in_log_order_and_start_after_the_given_position()
    {
        var other = DemoUscc("420102");
        var appended = await _log.AppendAsync([Complaint("a"), Complaint("x", other), Complaint("b", hoursAgo: 50), Complaint("c")]);
        var second = appended.Outcomes[2]!.Seq;

        var all = await _log.ReadSubjectAsync(Entity, 0, 100);
        var after = await _log.ReadSubjectAsync(Entity, second, 100);
        var limited = await _log.ReadSubjectAsync(Entity, 0, 2);

        Assert.Equal(["a", "b", "c"], all.Select(s => s.SourceId));
        Assert.Equal(["c"], after.Select(s => s.SourceId));
        Assert.Equal(2, limited.Count);
        Assert.Equal(appended.Outcomes[3]!.Seq, await _log.ReadHeadAsync());
    }

    [Fact]
    public async Task Concurrent_appends_share_commits_and_the_listener_hears_them_in_log_order()
    {
        var batches = Enumerable.Range(0, 200)
            .Select(b => (IReadOnlyList<SignalToAppend>)Enumerable.Range(0, 5).Select(i => Complaint($"{b}-{i}")).ToArray())
            .ToArray();

        var results = await Task.WhenAll(batches.Select(b => Task.Run(() => _log.AppendAsync(b))));

        Assert.Equal(1000, results.Sum(r => r.Accepted));
        Assert.True(_database.Writer.Commits < 200, $"expected group commits, got {_database.Writer.Commits} commits for 200 requests");
        var heard = _listener.Committed.Select(s => s.Seq).ToArray();
        Assert.Equal(1000, heard.Length);
        Assert.Equal(heard.Order(), heard);
    }

    [Fact]
    public async Task A_signal_for_an_unknown_subject_registers_it_in_its_district()
    {
        await _log.AppendAsync([Complaint("a"), Complaint("b")]);

        var directory = new SqliteSubjectDirectory(_database, TimeProvider.System);

        Assert.True(await directory.ExistsAsync(Entity));
        Assert.Null(await directory.FindEntityAsync(Entity));
        Assert.Equal(1, (await directory.CountByDistrictAsync())["420112"]);
    }

    [Fact]
    public async Task A_newer_equipment_inspection_moves_the_due_date_and_a_backfilled_older_one_does_not()
    {
        var code = EquipmentCode.Create("3110", 12345, 2015, 7).Value;
        SignalToAppend Inspection(string id, int daysAgo, DateOnly nextDue) => new("insp", id, SubjectKind.Equipment, code,
            SignalKind.EquipmentInspection, DateTimeOffset.UtcNow.AddDays(-daysAgo),
            SignalFactsCodec.ToJson(new EquipmentInspectionFacts(false, nextDue)), KnownDistricts.Unknown);
        var directory = new SqliteSubjectDirectory(_database, TimeProvider.System);
        await directory.UpsertEquipmentAsync([new EquipmentRegistration(code, "lift", Entity, "420112", EquipmentClass.Elevator, null, null)]);

        await _log.AppendAsync([Inspection("new", 5, new DateOnly(2027, 6, 1))]);
        await _log.AppendAsync([Inspection("old", 400, new DateOnly(2026, 1, 1))]);

        Assert.Equal(new DateOnly(2027, 6, 1), (await directory.FindEquipmentAsync(code))!.NextInspectionDue);
    }

    private static string DemoUscc(string division) => Uscc.FromBody($"91{division}700000027").Value;

    public void Dispose()
    {
        _database.Dispose();
        _folder.Dispose();
    }
}
