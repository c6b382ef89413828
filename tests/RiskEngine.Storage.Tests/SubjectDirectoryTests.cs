using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RiskEngine.Domain;
using RiskEngine.Storage.Sqlite;

namespace RiskEngine.Storage.Tests;

public sealed class SubjectDirectoryTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();
    private readonly SqliteDatabase _database;
    private readonly SqliteSubjectDirectory _directory;
    private readonly DateTimeOffset _now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    public SubjectDirectoryTests()
    {
        _database = new SqliteDatabase(_folder.File("signals.db"), 10_000, NullLoggerFactory.Instance);
        _directory = new SqliteSubjectDirectory(_database, new FakeTimeProvider(_now));
    }

    private static string Entity(int n, string division = "420112") => Uscc.FromBody($"91{division}7{n:D7}1").Value;

    private static string Unit(int serial) => EquipmentCode.Create("3110", 23456, 2012, serial).Value;

    [Fact]
    public async Task Registering_twice_creates_once_then_updates_and_moving_district_moves_the_count()
    {
        var first = await _directory.UpsertEntitiesAsync([
            new EntityRegistration(Entity(1), "A", "420112", "catering", CreditClass.A),
            new EntityRegistration(Entity(2), "B", "420112", null, CreditClass.B)]);
        var second = await _directory.UpsertEntitiesAsync([new EntityRegistration(Entity(1), "A2", "420102", "catering", CreditClass.C)]);

        Assert.Equal(2, first.Created);
        Assert.Equal(0, second.Created);
        Assert.Equal([Entity(1)], second.ChangedIds);
        var stored = await _directory.FindEntityAsync(Entity(1));
        Assert.Equal(("A2", "420102", CreditClass.C), (stored!.Name, stored.District, stored.CreditClass));
        var counts = await _directory.CountByDistrictAsync();
        Assert.Equal(1, counts["420112"]);
        Assert.Equal(1, counts["420102"]);
    }

    [Fact]
    public async Task A_registration_that_repeats_what_is_stored_is_unchanged_and_a_newer_one_changes()
    {
        var code = Unit(21);
        var entity = new EntityRegistration(Entity(21), "A", "420112", "catering", CreditClass.A);
        var unit = new EquipmentRegistration(code, "Lift", Entity(21), "420112", EquipmentClass.Elevator, new DateOnly(2027, 3, 1), _now.AddDays(-10));
        await _directory.UpsertEntitiesAsync([entity]);
        await _directory.UpsertEquipmentAsync([unit]);

        var sameEntity = await _directory.UpsertEntitiesAsync([entity]);
        var sameUnit = await _directory.UpsertEquipmentAsync([unit with { LastMaintenanceAt = _now.AddDays(-20) }]);
        var newerUnit = await _directory.UpsertEquipmentAsync([unit with { LastMaintenanceAt = _now.AddDays(-1) }]);

        Assert.Equal((0, 0, 1), (sameEntity.Created, sameEntity.ChangedIds.Count, sameEntity.Updated));
        Assert.Equal((0, 1), (sameUnit.ChangedIds.Count, sameUnit.Updated));
        Assert.Equal([code], newerUnit.ChangedIds);
        Assert.Equal(_now.AddDays(-1), (await _directory.FindEquipmentAsync(code))!.LastMaintenanceAt);
    }

    [Fact]
    public async Task A_registration_read_once_is_answered_from_memory_until_a_registration_or_a_signal_changes_it()
    {
        var uscc = Entity(7);
        var code = Unit(7);
        Assert.Null(await _directory.FindEntityAsync(uscc));
        await _directory.UpsertEntitiesAsync([new EntityRegistration(uscc, "Before", "420112", "catering", CreditClass.B)]);
        await _directory.UpsertEquipmentAsync([new EquipmentRegistration(code, "Lift 1", uscc, "420112", EquipmentClass.Elevator, null, _now.AddDays(-40))]);
        var registered = await _directory.FindEntityAsync(uscc);
        var unitBefore = await _directory.FindEquipmentAsync(code);

        await _directory.UpsertEntitiesAsync([new EntityRegistration(uscc, "After", "420102", "catering", CreditClass.D)]);
        var log = new SqliteSignalLog(_database, new FakeTimeProvider(_now), new RecordingListener());
        await log.AppendAsync([new SignalToAppend("test", "m-1", SubjectKind.Equipment, code, SignalKind.Maintenance, _now.AddDays(-1), "{}", "420112")]);
        var reregistered = await _directory.FindEntityAsync(uscc);
        var unitAfter = await _directory.FindEquipmentAsync(code);

        Assert.Equal(("Before", CreditClass.B), (registered!.Name, registered.CreditClass));
        Assert.Equal(("After", "420102", CreditClass.D), (reregistered!.Name, reregistered.District, reregistered.CreditClass));
        Assert.Equal(_now.AddDays(-40), unitBefore!.LastMaintenanceAt);
        Assert.Equal(_now.AddDays(-1), unitAfter!.LastMaintenanceAt);
    }

    [Fact]
    public async Task Counts_are_rebuilt_from_the_file_when_it_is_opened_again()
    {
        await _directory.UpsertEntitiesAsync([new EntityRegistration(Entity(1), "A", "420112", null, CreditClass.B)]);
        _database.Dispose();

        using var reopened = new SqliteDatabase(_folder.File("signals.db"), 10_000, NullLoggerFactory.Instance);

        Assert.Equal(1, reopened.Counter.Snapshot()["420112"]);
    }

    [Fact]
    public async Task The_sweep_finds_each_crossed_date_once_until_the_date_changes()
    {
        var today = DateOnly.FromDateTime(_now.UtcDateTime);
        await _directory.UpsertEquipmentAsync([
            new EquipmentRegistration(Unit(1), "overdue", Entity(1), "420112", EquipmentClass.Elevator, today.AddDays(-3), _now.AddDays(-2)),
            new EquipmentRegistration(Unit(2), "due soon", Entity(1), "420112", EquipmentClass.Elevator, today.AddDays(10), _now.AddDays(-20)),
            new EquipmentRegistration(Unit(3), "fine", Entity(1), "420112", EquipmentClass.Elevator, today.AddDays(200), _now.AddDays(-1)),
            new EquipmentRegistration(Unit(4), "elsewhere", Entity(1), "420102", EquipmentClass.Elevator, today.AddDays(-3), null)]);

        var notices = await _directory.FindDueNoticesAsync("420112", _now, 30, 15, 100);

        Assert.Equal(
            [(Unit(1), SignalKind.InspectionOverdue), (Unit(2), SignalKind.InspectionDueSoon), (Unit(2), SignalKind.MaintenanceOverdue)],
            notices.Select(n => (n.Code, n.Kind)).Order());
        await _directory.MarkNoticesRaisedAsync(notices);
        Assert.Empty(await _directory.FindDueNoticesAsync("420112", _now, 30, 15, 100));
    }

    [Fact]
    public async Task Checkpoints_only_move_forward()
    {
        var checkpoints = new SqliteCheckpointStore(_database);

        await checkpoints.WriteAsync("local", 50);
        await checkpoints.WriteAsync("local", 20);

        Assert.Equal(50, await checkpoints.ReadAsync("local"));
        Assert.Equal(0, await checkpoints.ReadAsync("other"));
    }

    [Fact]
    public async Task A_checkpoint_moves_back_only_when_asked_to_and_only_backwards()
    {
        var checkpoints = new SqliteCheckpointStore(_database);
        await checkpoints.WriteAsync("local", 50);

        await checkpoints.LowerAsync("local", 60);
        var unchanged = await checkpoints.ReadAsync("local");
        await checkpoints.LowerAsync("local", 30);
        var lowered = await checkpoints.ReadAsync("local");
        await checkpoints.WriteAsync("local", 40);

        Assert.Equal((50, 30, 40), (unchanged, lowered, await checkpoints.ReadAsync("local")));
    }

    public void Dispose()
    {
        _database.Dispose();
        _folder.Dispose();
    }
}
