using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RiskEngine.Domain;
using RiskEngine.Storage.PostgreSql;

namespace RiskEngine.Storage.Tests.PostgreSql;

public sealed class PostgreSqlSubjectDirectoryTests(MigratedSchemaFixture fixture) : IClassFixture<MigratedSchemaFixture>
{
    private readonly DateTimeOffset _now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
    private readonly string _district = TestSubjects.District();
    private readonly string _otherDistrict = TestSubjects.District();

    private PostgreSqlSubjectDirectory Directory(TimeProvider? clock = null, TimeSpan? cacheLifetime = null) =>
        new(fixture.DataSource, clock ?? new FakeTimeProvider(_now), cacheLifetime ?? TimeSpan.Zero);

    private static async Task<long> CountAsync(PostgreSqlSubjectDirectory directory, string district) =>
        (await directory.CountByDistrictAsync()).GetValueOrDefault(district);

    [Fact]
    public async Task Registering_twice_creates_once_then_updates_and_moving_district_moves_the_count()
    {
        var directory = Directory();
        var (one, two) = (TestSubjects.Entity(), TestSubjects.Entity());

        var first = await directory.UpsertEntitiesAsync([
            new EntityRegistration(one, "A", _district, "catering", CreditClass.A),
            new EntityRegistration(two, "B", _district, null, CreditClass.B)]);
        var second = await directory.UpsertEntitiesAsync([new EntityRegistration(one, "A2", _otherDistrict, "catering", CreditClass.C)]);

        Assert.Equal((2, 0), (first.Created, first.Updated));
        Assert.Equal(0, second.Created);
        Assert.Equal([one], second.ChangedIds);
        var stored = await directory.FindEntityAsync(one);
        Assert.Equal(("A2", _otherDistrict, "catering", CreditClass.C), (stored!.Name, stored.District, stored.Industry, stored.CreditClass));
        Assert.Equal((1, 1), (await CountAsync(directory, _district), await CountAsync(directory, _otherDistrict)));
    }

    [Fact]
    public async Task A_registration_that_repeats_what_is_stored_is_unchanged_and_a_newer_one_changes()
    {
        var directory = Directory();
        var owner = TestSubjects.Entity();
        var code = TestSubjects.Unit();
        var entity = new EntityRegistration(owner, "A", _district, "catering", CreditClass.A);
        var unit = new EquipmentRegistration(code, "Lift", owner, _district, EquipmentClass.Elevator, new DateOnly(2027, 3, 1), _now.AddDays(-10));
        await directory.UpsertEntitiesAsync([entity]);
        await directory.UpsertEquipmentAsync([unit]);

        var sameEntity = await directory.UpsertEntitiesAsync([entity]);
        var sameUnit = await directory.UpsertEquipmentAsync([unit with { LastMaintenanceAt = _now.AddDays(-20) }]);
        var newerUnit = await directory.UpsertEquipmentAsync([unit with { LastMaintenanceAt = _now.AddDays(-1) }]);

        Assert.Equal((0, 0, 1), (sameEntity.Created, sameEntity.ChangedIds.Count, sameEntity.Updated));
        Assert.Equal((0, 1), (sameUnit.ChangedIds.Count, sameUnit.Updated));
        Assert.Equal([code], newerUnit.ChangedIds);
        Assert.Equal(_now.AddDays(-1), (await directory.FindEquipmentAsync(code))!.LastMaintenanceAt);
    }

    [Fact]
    public async Task An_id_repeated_in_one_batch_is_created_once_and_then_updated_like_one_registration_after_another()
    {
        var directory = Directory();
        var id = TestSubjects.Entity();

        var result = await directory.UpsertEntitiesAsync([
            new EntityRegistration(id, "first", _district, null, CreditClass.B),
            new EntityRegistration(TestSubjects.Entity(), "other", _district, null, CreditClass.B),
            new EntityRegistration(id, "second", _otherDistrict, null, CreditClass.D)]);

        Assert.Equal(2, result.Created);
        Assert.Equal([id], result.ChangedIds);
        var stored = (await directory.FindEntityAsync(id))!;
        Assert.Equal(("second", _otherDistrict, CreditClass.D), (stored.Name, stored.District, stored.CreditClass));
        Assert.Equal((1, 1), (await CountAsync(directory, _district), await CountAsync(directory, _otherDistrict)));
    }

    [Fact]
    public async Task A_subject_first_seen_in_a_signal_counts_as_updated_when_it_is_registered_later()
    {
        var id = TestSubjects.Entity();
        await using (var log = new PostgreSqlSignalLog(fixture.DataSource, TimeProvider.System, new RecordingListener(), 1000, new LogRun(), NullLogger<PostgreSqlSignalLog>.Instance))
        {
            await log.AppendAsync([new SignalToAppend(TestSubjects.Source(), "1", SubjectKind.Entity, id, SignalKind.Complaint,
                _now, SignalFactsCodec.ToJson(new ComplaintFacts(null)), _district)]);
        }

        var directory = Directory();
        Assert.True(await directory.ExistsAsync(id));
        Assert.Null(await directory.FindEntityAsync(id));

        var result = await directory.UpsertEntitiesAsync([new EntityRegistration(id, "late", _district, null, CreditClass.A)]);

        Assert.Equal(0, result.Created);
        Assert.Equal([id], result.ChangedIds);
        Assert.Equal("late", (await directory.FindEntityAsync(id))!.Name);
        Assert.Equal(1, await CountAsync(directory, _district));
    }

    [Fact]
    public async Task Equipment_round_trips_and_an_unregistered_or_unplaced_unit_reads_as_such()
    {
        var directory = Directory();
        var (placed, unplaced) = (TestSubjects.Unit(), TestSubjects.Unit());
        var maintained = _now.AddDays(-3).AddTicks(4567);

        await directory.UpsertEquipmentAsync([
            new EquipmentRegistration(placed, "lift 1", "91420112MA0000000X", _district, EquipmentClass.Elevator, new DateOnly(2027, 1, 31), maintained),
            new EquipmentRegistration(unplaced, null, null, null, EquipmentClass.Boiler, null, null)]);

        var read = await directory.FindEquipmentAsync(placed);
        Assert.Equal(new EquipmentRegistration(placed, "lift 1", "91420112MA0000000X", _district, EquipmentClass.Elevator,
            new DateOnly(2027, 1, 31), DateTimeOffset.FromUnixTimeMilliseconds(maintained.ToUnixTimeMilliseconds())), read);
        Assert.Equal(new EquipmentRegistration(unplaced, null, null, null, EquipmentClass.Boiler, null, null), await directory.FindEquipmentAsync(unplaced));
        Assert.True(await CountAsync(directory, KnownDistricts.Unknown) >= 1);
        Assert.Null(await directory.FindEquipmentAsync(TestSubjects.Unit()));
        Assert.Null(await directory.FindEntityAsync(placed));
    }

    [Fact]
    public async Task A_registration_keeps_a_due_date_learned_from_signals_and_moves_maintenance_only_forward()
    {
        var directory = Directory();
        var code = TestSubjects.Unit();
        var maintained = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
        await directory.UpsertEquipmentAsync([new EquipmentRegistration(code, "lift", null, _district, EquipmentClass.Elevator, new DateOnly(2027, 1, 1), maintained)]);
        await using (var log = new PostgreSqlSignalLog(fixture.DataSource, TimeProvider.System, new RecordingListener(), 1000, new LogRun(), NullLogger<PostgreSqlSignalLog>.Instance))
        {
            await log.AppendAsync([new SignalToAppend(TestSubjects.Source(), "i", SubjectKind.Equipment, code, SignalKind.EquipmentInspection,
                _now, SignalFactsCodec.ToJson(new EquipmentInspectionFacts(false, new DateOnly(2027, 11, 1))), null)]);
        }

        await directory.UpsertEquipmentAsync([new EquipmentRegistration(code, "lift", null, _district, EquipmentClass.Elevator, new DateOnly(2026, 12, 1), maintained.AddDays(-30))]);

        var read = (await directory.FindEquipmentAsync(code))!;
        Assert.Equal((new DateOnly(2027, 11, 1), maintained), (read.NextInspectionDue, read.LastMaintenanceAt));
    }

    [Fact]
    public async Task Counts_are_exact_across_servers_and_each_server_sees_others_changes_within_its_cache_lifetime()
    {
        var clock = new FakeTimeProvider(_now);
        var serverA = Directory(clock, TimeSpan.FromSeconds(1));
        var serverB = Directory(clock, TimeSpan.FromSeconds(1));
        Assert.Equal(0, await CountAsync(serverB, _district));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => (i % 2 == 0 ? serverA : serverB).UpsertEntitiesAsync(
            Enumerable.Range(0, 25).Select(_ => new EntityRegistration(TestSubjects.Entity(), null, _district, null, CreditClass.B)).ToArray()))));
        var moved = TestSubjects.Entity();
        await serverA.UpsertEntitiesAsync([new EntityRegistration(moved, null, _district, null, CreditClass.B)]);
        await serverA.UpsertEntitiesAsync([new EntityRegistration(moved, null, _otherDistrict, null, CreditClass.B)]);

        Assert.Equal(200, await CountAsync(serverA, _district));
        Assert.Equal(200, await CountAsync(serverB, _district));
        await serverA.UpsertEntitiesAsync([new EntityRegistration(TestSubjects.Entity(), null, _district, null, CreditClass.B)]);
        Assert.Equal(200, await CountAsync(serverB, _district));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(201, await CountAsync(serverB, _district));
        Assert.Equal(1, await CountAsync(serverB, _otherDistrict));
    }

    [Fact]
    public async Task The_sweep_finds_each_crossed_date_once_until_the_date_changes()
    {
        var directory = Directory();
        var today = DateOnly.FromDateTime(_now.UtcDateTime);
        var (overdue, dueSoon, fine, elsewhere) = (TestSubjects.Unit(), TestSubjects.Unit(), TestSubjects.Unit(), TestSubjects.Unit());
        var owner = TestSubjects.Entity();
        await directory.UpsertEquipmentAsync([
            new EquipmentRegistration(overdue, "overdue", owner, _district, EquipmentClass.Elevator, today.AddDays(-3), _now.AddDays(-2)),
            new EquipmentRegistration(dueSoon, "due soon", owner, _district, EquipmentClass.Elevator, today.AddDays(10), _now.AddDays(-20)),
            new EquipmentRegistration(fine, "fine", owner, _district, EquipmentClass.Elevator, today.AddDays(200), _now.AddDays(-1)),
            new EquipmentRegistration(elsewhere, "elsewhere", owner, _otherDistrict, EquipmentClass.Elevator, today.AddDays(-3), null)]);

        var notices = await directory.FindDueNoticesAsync(_district, _now, 30, 15, 100);
        Assert.Single(await directory.FindDueNoticesAsync(_district, _now, 30, 15, 1));

        Assert.Equal(
            [(overdue, SignalKind.InspectionOverdue, today.AddDays(-3)), (dueSoon, SignalKind.InspectionDueSoon, today.AddDays(10)),
             (dueSoon, SignalKind.MaintenanceOverdue, today.AddDays(-20))],
            notices.Select(n => (n.Code, n.Kind, n.DueDate)).OrderBy(n => n.Code == overdue ? 0 : 1).ThenBy(n => n.Kind));
        await directory.MarkNoticesRaisedAsync(notices);
        Assert.Empty(await directory.FindDueNoticesAsync(_district, _now, 30, 15, 100));

        await directory.UpsertEquipmentAsync([new EquipmentRegistration(dueSoon, "due soon", owner, _district, EquipmentClass.Elevator, today.AddDays(20), null)]);
        var again = Assert.Single(await directory.FindDueNoticesAsync(_district, _now, 30, 15, 100));
        Assert.Equal((dueSoon, SignalKind.InspectionDueSoon, today.AddDays(20)), (again.Code, again.Kind, again.DueDate));
    }
}
