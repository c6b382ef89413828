using Microsoft.Extensions.Logging.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Grains.Tests.Hosting;
using RiskEngine.Storage.PostgreSql;

namespace RiskEngine.Storage.Tests.PostgreSql;

public sealed class PostgreSqlSignalLogTests(MigratedSchemaFixture fixture) : IClassFixture<MigratedSchemaFixture>, IAsyncLifetime
{
    private readonly string _source = TestSubjects.Source();
    private readonly string _entity = TestSubjects.Entity();
    private readonly string _district = TestSubjects.District();
    private readonly RecordingListener _listener = new();
    private readonly List<PostgreSqlSignalLog> _logs = [];

    private PostgreSqlSignalLog Open(ISignalCommitListener? listener = null, int maxRowsPerCommit = 10_000, LogRun? run = null)
    {
        var log = new PostgreSqlSignalLog(fixture.DataSource, TimeProvider.System, listener ?? _listener, maxRowsPerCommit,
            run ?? new LogRun(), NullLogger<PostgreSqlSignalLog>.Instance);
        _logs.Add(log);
        return log;
    }

    private SignalToAppend Complaint(string sourceId, string? subject = null, int hoursAgo = 1, string? district = null) =>
        new(_source, sourceId, SubjectKind.Entity, subject ?? _entity, SignalKind.Complaint,
            DateTimeOffset.UtcNow.AddHours(-hoursAgo), SignalFactsCodec.ToJson(new ComplaintFacts(null)), district ?? _district);

    private static SignalToAppend Inspection(string source, string id, string code, DateTimeOffset at, DateOnly nextDue, bool failed = false) =>
        new(source, id, SubjectKind.Equipment, code, SignalKind.EquipmentInspection, at,
            SignalFactsCodec.ToJson(new EquipmentInspectionFacts(failed, nextDue)), KnownDistricts.Unknown);

    private static SignalToAppend Maintenance(string source, string id, string code, DateTimeOffset at) =>
        new(source, id, SubjectKind.Equipment, code, SignalKind.Maintenance, at, SignalFactsCodec.ToJson(new MaintenanceFacts()), KnownDistricts.Unknown);

    [Fact]
    public async Task Appending_numbers_new_signals_in_batch_order_and_counts_repeats_in_the_same_batch_once()
    {
        var log = Open();

        var first = await log.AppendAsync([Complaint("a"), Complaint("b"), Complaint("a")]);

        Assert.Equal((2, 1), (first.Accepted, first.Duplicates));
        Assert.Null(first.Outcomes[2]);
        Assert.True(first.Outcomes[1]!.Seq > first.Outcomes[0]!.Seq);
        Assert.Equal(["a", "b"], first.Appended.Select(s => s.SourceId));

        var large = await log.AppendAsync(Enumerable.Range(0, 500).Select(i => Complaint($"n-{i}")).ToArray());
        var seqs = large.Outcomes.Select(o => o!.Seq).ToArray();
        Assert.Equal(seqs.Order(), seqs);
    }

    [Fact]
    public async Task Signals_waiting_for_the_writer_count_in_its_queue_until_it_takes_them()
    {
        using var held = new HeldCommitListener();
        var log = Open(held);
        var first = log.AppendAsync([Complaint("a")]);
        await held.Holding.WaitAsync(TimeSpan.FromSeconds(30));

        var waiting = log.AppendAsync([Complaint("b"), Complaint("c"), Complaint("d")]);
        var queued = log.QueuedRows;
        held.Release();
        await Task.WhenAll(first, waiting);

        Assert.Equal((3L, 0L), (queued, log.QueuedRows));
    }

    [Fact]
    public async Task A_signal_already_in_the_log_is_a_duplicate_in_a_later_batch()
    {
        var log = Open();
        await log.AppendAsync([Complaint("a"), Complaint("b")]);

        var again = await log.AppendAsync([Complaint("b"), Complaint("c")]);

        Assert.Equal((1, 1), (again.Accepted, again.Duplicates));
        Assert.Null(again.Outcomes[0]);
        Assert.Equal("c", again.Outcomes[1]!.SourceId);
    }

    [Fact]
    public async Task Appended_signals_survive_a_new_log_instance_and_stay_duplicates()
    {
        await using (var first = Open())
        {
            await first.AppendAsync([Complaint("a"), Complaint("b")]);
        }

        var reopened = Open();
        var read = await reopened.ReadSubjectAsync(_entity, 0, 100);
        var repeat = await reopened.AppendAsync([Complaint("a")]);

        Assert.Equal(["a", "b"], read.Select(s => s.SourceId));
        Assert.Equal(1, repeat.Duplicates);
    }

    [Fact]
    public async Task What_the_append_and_the_listener_report_is_exactly_what_a_replay_reads()
    {
        var log = Open();
        var code = TestSubjects.Unit();
        var occurred = new DateTimeOffset(2026, 11, 20, 8, 30, 15, TimeSpan.FromHours(8)).AddTicks(1234567);
        var signals = new[]
        {
            Complaint("x") with { OccurredAt = occurred, Data = SignalFactsCodec.ToJson(new ComplaintFacts("食品安全 \"quoted\"")) },
            Inspection(_source, "y", code, occurred, new DateOnly(2027, 6, 1)),
        };

        var appended = await log.AppendAsync(signals);
        var replayed = (await log.ReadSubjectAsync(_entity, 0, 10)).Concat(await log.ReadSubjectAsync(code, 0, 10)).ToArray();

        Assert.Equal(appended.Appended, replayed);
        Assert.Equal(appended.Appended, _listener.Committed.Where(s => s.Source == _source));
        Assert.Equal(occurred.ToUnixTimeMilliseconds(), replayed[0].OccurredAt.ToUnixTimeMilliseconds());
        Assert.Equal(TimeSpan.Zero, replayed[0].OccurredAt.Offset);
        Assert.Equal(signals[0].Data, replayed[0].Data);
        Assert.Equal((SubjectKind.Equipment, SignalKind.EquipmentInspection), (replayed[1].SubjectKind, replayed[1].Kind));
    }

    [Fact]
    public async Task Reads_of_a_subject_are_in_log_order_and_start_after_the_given_position()
    {
        var log = Open();
        var other = TestSubjects.Entity("420102");
        var appended = await log.AppendAsync([Complaint("a"), Complaint("x", other), Complaint("b", hoursAgo: 50), Complaint("c")]);
        var second = appended.Outcomes[2]!.Seq;

        var all = await log.ReadSubjectAsync(_entity, 0, 100);
        var after = await log.ReadSubjectAsync(_entity, second, 100);
        var limited = await log.ReadSubjectAsync(_entity, 0, 2);
        var tail = await log.ReadAfterAsync(appended.Outcomes[0]!.Seq, 100);

        Assert.Equal(["a", "b", "c"], all.Select(s => s.SourceId));
        Assert.Equal(["c"], after.Select(s => s.SourceId));
        Assert.Equal(2, limited.Count);
        Assert.Equal(["x", "b", "c"], tail.Where(s => s.Source == _source).Select(s => s.SourceId));
        Assert.True(await log.ReadHeadAsync() >= appended.Outcomes[3]!.Seq);
    }

    [Fact]
    public async Task Concurrent_appends_share_commits_and_the_listener_hears_them_in_log_order()
    {
        var listener = new RecordingListener();
        var log = Open(listener);
        var batches = Enumerable.Range(0, 200)
            .Select(b => (IReadOnlyList<SignalToAppend>)Enumerable.Range(0, 5).Select(i => Complaint($"{b}-{i}")).ToArray())
            .ToArray();

        var results = await Task.WhenAll(batches.Select(b => Task.Run(() => log.AppendAsync(b))));

        Assert.Equal(1000, results.Sum(r => r.Accepted));
        Assert.True(log.Commits < 200, $"expected group commits, got {log.Commits} commits for 200 requests");
        var heard = listener.Committed.Select(s => s.Seq).ToArray();
        Assert.Equal(1000, heard.Length);
        Assert.Equal(heard.Order(), heard);
        Assert.Equal(results.SelectMany(r => r.Appended).Select(s => s.Seq).Order(), heard);
    }

    [Fact]
    public async Task The_same_signal_sent_by_many_callers_at_once_is_accepted_once()
    {
        var log = Open();

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => log.AppendAsync([Complaint("same"), Complaint(Guid.NewGuid().ToString())]))));

        Assert.Equal(1, results.Count(r => r.Outcomes[0] is not null));
        Assert.All(results, r => Assert.NotNull(r.Outcomes[1]));
        Assert.Single(await log.ReadSubjectAsync(_entity, 0, 1000), s => s.SourceId == "same");
    }

    [Fact]
    public async Task Two_servers_appending_at_once_each_commit_their_own_signals_in_order_and_lose_none()
    {
        // Two logs on separate connection pools play two servers.
        var firstHeard = new RecordingListener();
        var secondHeard = new RecordingListener();
        var first = Open(firstHeard, maxRowsPerCommit: 50);
        var second = Open(secondHeard, maxRowsPerCommit: 50);
        var start = await first.ReadHeadAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 120).Select(b => Task.Run(() =>
            (b % 2 == 0 ? first : second).AppendAsync(Enumerable.Range(0, 10).Select(i => Complaint($"{b}-{i}")).ToArray()))));

        var accepted = results.SelectMany(r => r.Appended).Select(s => s.Seq).Order().ToArray();
        Assert.Equal(1200, accepted.Distinct().Count());
        foreach (var heard in new[] { firstHeard, secondHeard })
        {
            var seqs = heard.Committed.Select(s => s.Seq).ToArray();
            Assert.Equal(600, seqs.Length);
            Assert.Equal(seqs.Order(), seqs);
        }

        var read = await first.ReadAfterAsync(start, 5000);
        Assert.Equal(accepted, read.Where(s => s.Source == _source).Select(s => s.Seq));
    }

    [Fact]
    public async Task An_append_does_not_wait_for_another_servers_group_still_in_flight()
    {
        var source = TestSubjects.Source();
        var unit = TestSubjects.Unit();
        var mine = Open();
        var other = Open(new RecordingListener());
        await other.AppendAsync([Inspection(source, "first", unit, DateTimeOffset.UtcNow.AddDays(-2), new DateOnly(2027, 1, 1))]);

        // Another server's group stops mid-commit, after its rows took their numbers: moving the unit's due date waits
        // for a lock on the unit's row that a third session holds.
        await using var blocker = await fixture.DataSource.OpenConnectionAsync();
        await using var blocking = await blocker.BeginTransactionAsync();
        await using (var lockUnit = new Npgsql.NpgsqlCommand("SELECT 1 FROM subject WHERE id = $1 FOR UPDATE", blocker, blocking))
        {
            lockUnit.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = unit });
            await lockUnit.ExecuteScalarAsync();
        }

        var stalled = other.AppendAsync([Inspection(source, "second", unit, DateTimeOffset.UtcNow.AddDays(-1), new DateOnly(2028, 1, 1))]);
        await Eventually.HoldsAsync(() => LockWaitersAsync(UpdateNextDue), "the other server's group waits on the unit's row", TimeSpan.FromSeconds(30));

        var appended = await mine.AppendAsync([Complaint("mine")]).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(stalled.IsCompleted);
        await blocking.RollbackAsync();
        var late = (await stalled).Outcomes[0]!;
        Assert.True(late.Seq < appended.Outcomes[0]!.Seq, "the stalled group took its number before the append that passed it");
        Assert.Equal(["first", "second"], (await mine.ReadSubjectAsync(unit, 0, 100)).Select(s => s.SourceId));
    }

    private const string UpdateNextDue = "UPDATE subject u SET next_due";

    /// <summary>Whether a session runs a statement starting with <paramref name="statement"/> and waits for a lock.</summary>
    private async Task<bool> LockWaitersAsync(string statement)
    {
        await using var command = fixture.DataSource.CreateCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND starts_with(query, $1)");
        command.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = statement });
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    [Fact]
    public async Task A_run_fenced_off_by_recovery_appends_nothing_more_and_the_fence_waits_for_its_append_under_way()
    {
        var checkpoints = new PostgreSqlCheckpointStore(fixture.DataSource);
        var name = "run-" + Guid.NewGuid().ToString("n");
        await checkpoints.WriteAsync(name, 0);
        var run = new LogRun();
        run.Claimed(name);
        var log = Open(run: run);
        Assert.Equal(1, (await log.AppendAsync([Complaint("while-alive")])).Accepted);

        // An append of the run holds its row while in flight: here a third session stalls it on the subject's row.
        await using var blocker = await fixture.DataSource.OpenConnectionAsync();
        await using var blocking = await blocker.BeginTransactionAsync();
        var unit = TestSubjects.Unit();
        await Open().AppendAsync([Inspection(_source, "unit-first", unit, DateTimeOffset.UtcNow.AddDays(-2), new DateOnly(2027, 1, 1))]);
        await using (var lockUnit = new Npgsql.NpgsqlCommand("SELECT 1 FROM subject WHERE id = $1 FOR UPDATE", blocker, blocking))
        {
            lockUnit.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = unit });
            await lockUnit.ExecuteScalarAsync();
        }

        var underWay = log.AppendAsync([Inspection(_source, "under-way", unit, DateTimeOffset.UtcNow.AddDays(-1), new DateOnly(2028, 1, 1))]);
        await Eventually.HoldsAsync(() => LockWaitersAsync(UpdateNextDue), "the run's append waits on the unit's row", TimeSpan.FromSeconds(30));
        var fencing = checkpoints.FenceAsync([name]);
        await Eventually.HoldsAsync(() => LockWaitersAsync("UPDATE dispatch_checkpoint SET fenced"), "the fence waits for the append holding the run's row", TimeSpan.FromSeconds(30));
        Assert.False(fencing.IsCompleted);

        await blocking.RollbackAsync();
        Assert.Equal(1, (await underWay).Accepted);
        await fencing;

        var refused = await Assert.ThrowsAsync<StorageUnavailableException>(() => log.AppendAsync([Complaint("after-fence")]));
        Assert.Contains("declared gone", refused.Reason);
        Assert.DoesNotContain(await log.ReadSubjectAsync(_entity, 0, 100), s => s.SourceId == "after-fence");
    }

    [Fact]
    public async Task A_request_the_server_rejects_fails_alone_and_its_group_commits()
    {
        var log = Open();
        var good = Enumerable.Range(0, 40).Select(i => Task.Run(() => log.AppendAsync([Complaint($"good-{i}")]))).ToList();
        // PostgreSQL text cannot hold a NUL character: the server refuses the row.
        var poison = Task.Run(() => log.AppendAsync([Complaint("bad\0id")]));

        await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => poison);
        var results = await Task.WhenAll(good);

        Assert.All(results, r => Assert.Equal(1, r.Accepted));
        Assert.Equal(40, (await log.ReadSubjectAsync(_entity, 0, 100)).Count);
    }

    [Fact]
    public async Task Malformed_facts_fail_the_batch_before_it_reaches_the_writer()
    {
        var log = Open();
        var broken = Inspection(_source, "broken", TestSubjects.Unit(), DateTimeOffset.UtcNow, new DateOnly(2027, 1, 1)) with { Data = "{not json" };

        await Assert.ThrowsAsync<FormatException>(() => log.AppendAsync([broken]));
        Assert.Equal(1, (await log.AppendAsync([Complaint("after")])).Accepted);
    }

    [Fact]
    public async Task A_cancelled_append_is_not_written_and_a_stopped_log_refuses_appends()
    {
        var log = Open();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => log.AppendAsync([Complaint("cancelled")], cancelled.Token));
        await log.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => log.AppendAsync([Complaint("late")]));
        Assert.Empty(await Open().ReadSubjectAsync(_entity, 0, 10));
    }

    [Fact]
    public async Task Stopping_the_log_commits_what_is_already_queued()
    {
        var log = Open(maxRowsPerCommit: 20);
        var pending = Enumerable.Range(0, 30).Select(i => log.AppendAsync([Complaint($"queued-{i}"), Complaint($"queued-{i}-b")])).ToArray();

        await log.DisposeAsync();

        Assert.All(await Task.WhenAll(pending), r => Assert.Equal(2, r.Accepted));
        Assert.Equal(60, (await Open().ReadSubjectAsync(_entity, 0, 100)).Count);
    }

    [Fact]
    public async Task A_batch_larger_than_the_row_limit_is_committed_whole()
    {
        var log = Open(maxRowsPerCommit: 10);

        var result = await log.AppendAsync(Enumerable.Range(0, 25).Select(i => Complaint($"big-{i}")).ToArray());

        Assert.Equal(25, result.Accepted);
        Assert.Equal(1, log.Commits);
    }

    [Fact]
    public async Task A_writer_connection_dropped_while_idle_is_replaced_without_failing_an_append()
    {
        var application = "writer-" + Guid.NewGuid().ToString("N")[..8];
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(fixture.Schema.ConnectionString) { ApplicationName = application };
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(builder.ConnectionString);
        await using var log = new PostgreSqlSignalLog(dataSource, TimeProvider.System, _listener, 100, new LogRun(), NullLogger<PostgreSqlSignalLog>.Instance);
        await log.AppendAsync([Complaint("before")]);

        // What a server restart, a failover or an idle timeout in a proxy does to the connection the writer keeps.
        await using (var terminate = fixture.DataSource.CreateCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1"))
        {
            terminate.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = application });
            Assert.Equal(1L, await terminate.ExecuteScalarAsync());
        }

        var after = await log.AppendAsync([Complaint("after")]);

        Assert.Equal(1, after.Accepted);
        Assert.Equal(["before", "after"], (await log.ReadSubjectAsync(_entity, 0, 10)).Select(s => s.SourceId));
    }

    [Fact]
    public async Task A_failing_listener_does_not_stop_the_log()
    {
        var log = Open(new ThrowingListener());

        var first = await log.AppendAsync([Complaint("a")]);
        var second = await log.AppendAsync([Complaint("b")]);

        Assert.Equal((1, 1), (first.Accepted, second.Accepted));
        Assert.Equal(2, (await log.ReadSubjectAsync(_entity, 0, 10)).Count);
    }

    [Fact]
    public async Task A_signal_for_an_unknown_subject_registers_it_in_its_district_once()
    {
        var log = Open();
        var directory = new PostgreSqlSubjectDirectory(fixture.DataSource, TimeProvider.System, TimeSpan.Zero);
        var unplaced = TestSubjects.Entity("420102");

        await log.AppendAsync([Complaint("a"), Complaint("b", district: TestSubjects.District())]);
        await log.AppendAsync([Complaint("c"), Complaint("u", unplaced) with { District = null }]);

        Assert.True(await directory.ExistsAsync(_entity));
        Assert.Null(await directory.FindEntityAsync(_entity));
        Assert.Equal(1, (await directory.CountByDistrictAsync())[_district]);
        Assert.False(await directory.ExistsAsync(unplaced));
    }

    [Fact]
    public async Task The_latest_passed_inspection_by_event_time_sets_the_due_date_within_a_group_and_across_groups()
    {
        var log = Open();
        var directory = new PostgreSqlSubjectDirectory(fixture.DataSource, TimeProvider.System);
        var code = TestSubjects.Unit();
        var now = DateTimeOffset.UtcNow;
        await directory.UpsertEquipmentAsync([new EquipmentRegistration(code, "lift", _entity, _district, EquipmentClass.Elevator, null, null)]);

        await log.AppendAsync([
            Inspection(_source, "mid", code, now.AddDays(-30), new DateOnly(2027, 3, 1)),
            Inspection(_source, "new", code, now.AddDays(-5), new DateOnly(2027, 6, 1)),
            Inspection(_source, "old", code, now.AddDays(-60), new DateOnly(2026, 12, 1))]);
        Assert.Equal(new DateOnly(2027, 6, 1), (await directory.FindEquipmentAsync(code))!.NextInspectionDue);

        await log.AppendAsync([Inspection(_source, "backfill", code, now.AddDays(-400), new DateOnly(2026, 1, 1))]);
        await log.AppendAsync([Inspection(_source, "failed", code, now.AddDays(-1), new DateOnly(2028, 1, 1), failed: true)]);
        Assert.Equal(new DateOnly(2027, 6, 1), (await directory.FindEquipmentAsync(code))!.NextInspectionDue);

        await log.AppendAsync([Inspection(_source, "newest", code, now.AddDays(-1), new DateOnly(2027, 12, 1))]);
        Assert.Equal(new DateOnly(2027, 12, 1), (await directory.FindEquipmentAsync(code))!.NextInspectionDue);
    }

    [Fact]
    public async Task Maintenance_moves_the_last_maintenance_time_only_forward()
    {
        var log = Open();
        var directory = new PostgreSqlSubjectDirectory(fixture.DataSource, TimeProvider.System);
        var code = TestSubjects.Unit();
        var latest = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
        await directory.UpsertEquipmentAsync([new EquipmentRegistration(code, "boiler", _entity, _district, EquipmentClass.Boiler, null, null)]);

        await log.AppendAsync([Maintenance(_source, "m1", code, latest.AddDays(-20)), Maintenance(_source, "m2", code, latest)]);
        await log.AppendAsync([Maintenance(_source, "m0", code, latest.AddDays(-90))]);

        Assert.Equal(latest, (await directory.FindEquipmentAsync(code))!.LastMaintenanceAt);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var log in _logs)
        {
            await log.DisposeAsync();
        }
    }

    private sealed class ThrowingListener : ISignalCommitListener
    {
        public void OnCommitted(IReadOnlyList<LoggedSignal> signals) => throw new InvalidOperationException("listener is broken");
    }
}
