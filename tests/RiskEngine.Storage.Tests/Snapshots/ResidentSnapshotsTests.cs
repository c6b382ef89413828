using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using RiskEngine.Storage.Snapshots;
using RiskEngine.Storage.Sqlite;

namespace RiskEngine.Storage.Tests.Snapshots;

/// <summary>
/// Snapshots kept in memory over the real embedded state file: reads after the first come from memory, writes are
/// coalesced into one table write per flush, the checkpoint is held below what only memory has, and a row written
/// behind this server's back is noticed and handed over for rebuilding.
/// </summary>
public sealed class ResidentSnapshotsTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();
    private readonly string _serviceId = "svc-" + Guid.NewGuid().ToString("N");
    private SqliteSnapshotTable _table = null!;

    public Task InitializeAsync()
    {
        _table = new SqliteSnapshotTable(SqliteOrleansSchema.Ensure(_directory.File("state.db")));
        return Task.CompletedTask;
    }

    private SnapshotKey Key(string grainKey) => new(_serviceId, "entity", grainKey);

    private ResidentSnapshots NewSnapshots(int maxResidents = 1000) => new(_table, maxResidents, NullLogger<ResidentSnapshots>.Instance);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task Many_changes_between_flushes_reach_the_table_as_one_write_and_reads_come_from_memory()
    {
        var snapshots = NewSnapshots();
        var key = Key("u:a");

        Assert.Equal((null, null), await snapshots.ReadAsync(key));
        var first = snapshots.TryWrite(key, Bytes("v1"), expectedVersion: null, causeSeq: 10, 0, 0);
        var second = snapshots.TryWrite(key, Bytes("v2"), expectedVersion: first, causeSeq: 12, 0, 0);
        var third = snapshots.TryWrite(key, Bytes("v3"), expectedVersion: second, causeSeq: 14, 0, 0);
        var beforeFlush = await _table.ReadAsync(key);
        var written = await snapshots.FlushAsync();
        var stored = await _table.ReadAsync(key);

        Assert.Equal((1, 2, 3), (first, second, third));
        Assert.Null(beforeFlush);
        Assert.Equal(1, written);
        Assert.Equal(("v3", 1), (Encoding.UTF8.GetString(stored!.Payload!), stored.Version));
        Assert.Equal("v3", Encoding.UTF8.GetString((await snapshots.ReadAsync(key)).Payload!));
        Assert.Equal(0, await snapshots.FlushAsync());
    }

    [Fact]
    public async Task A_write_at_a_stale_version_or_of_a_snapshot_never_read_is_refused()
    {
        var snapshots = NewSnapshots();
        var key = Key("u:b");
        await snapshots.ReadAsync(key);
        var version = snapshots.TryWrite(key, Bytes("mine"), null, 1, 0, 0);

        Assert.Null(snapshots.TryWrite(key, Bytes("theirs"), expectedVersion: null, 2, 0, 0));
        Assert.Null(snapshots.TryWrite(Key("u:never-read"), Bytes("x"), expectedVersion: null, 3, 0, 0));
        Assert.Equal(version + 1, snapshots.TryWrite(key, Bytes("mine again"), version, 4, 0, 0));
    }

    [Fact]
    public async Task The_checkpoint_is_held_below_the_oldest_change_only_memory_has_until_it_is_written()
    {
        var snapshots = NewSnapshots();
        var (a, b) = (Key("u:c"), Key("u:d"));
        await snapshots.ReadAsync(a);
        await snapshots.ReadAsync(b);

        snapshots.TryWrite(a, Bytes("a"), null, causeSeq: 40, 0, 0);
        snapshots.TryWrite(b, Bytes("b"), null, causeSeq: 25, 0, 0);
        var held = snapshots.OldestUnwrittenSeq;
        await snapshots.FlushAsync();

        Assert.Equal(25, held);
        Assert.Null(snapshots.OldestUnwrittenSeq);
        Assert.Equal(0, snapshots.UnwrittenCount);
    }

    [Fact]
    public async Task A_row_written_behind_this_servers_back_is_handed_over_for_rebuilding_and_holds_the_checkpoint_until_then()
    {
        var snapshots = NewSnapshots();
        var key = Key("u:e");
        await snapshots.ReadAsync(key);
        snapshots.TryWrite(key, Bytes("here"), null, causeSeq: 7, 0, 0);
        Assert.Equal(1, await _table.WriteAsync(new SnapshotWrite(key, Bytes("elsewhere"), null, 0, 0)));
        var rebuilding = new TaskCompletionSource();
        var handed = new TaskCompletionSource<SnapshotKey>(TaskCreationOptions.RunContinuationsAsynchronously);
        snapshots.ConflictHandler = async conflicted =>
        {
            handed.TrySetResult(conflicted);
            await rebuilding.Task;
        };

        var flush = snapshots.FlushAsync();
        var conflicted = await handed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var heldWhileRebuilding = snapshots.OldestUnwrittenSeq;
        rebuilding.SetResult();
        await flush;

        Assert.Equal(key, conflicted);
        Assert.Equal(7, heldWhileRebuilding);
        Assert.Null(snapshots.OldestUnwrittenSeq);
        Assert.Equal(1, snapshots.Conflicts);
        Assert.Equal("elsewhere", Encoding.UTF8.GetString((await snapshots.ReadAsync(key)).Payload!));
    }

    [Fact]
    public async Task Past_the_limit_written_snapshots_leave_memory_and_changed_ones_stay_until_written()
    {
        var snapshots = NewSnapshots(maxResidents: 2);
        var changed = Key("u:f");
        await snapshots.ReadAsync(changed);
        snapshots.TryWrite(changed, Bytes("only in memory"), null, 1, 0, 0);
        foreach (var other in new[] { "u:g", "u:h", "u:i" })
        {
            await snapshots.ReadAsync(Key(other));
        }

        Assert.True(snapshots.Count <= 2, $"{snapshots.Count} snapshots in memory");
        Assert.Equal(1, snapshots.UnwrittenCount);
        Assert.Equal("only in memory", Encoding.UTF8.GetString((await snapshots.ReadAsync(changed)).Payload!));
    }

    [Fact]
    public async Task Evicted_snapshots_are_written_first_and_then_read_from_the_table()
    {
        var snapshots = NewSnapshots();
        var (leaving, staying) = (Key("u:j"), Key("u:k"));
        await snapshots.ReadAsync(leaving);
        await snapshots.ReadAsync(staying);
        snapshots.TryWrite(leaving, Bytes("leaving"), null, 3, 0, 0);
        snapshots.TryWrite(staying, Bytes("staying"), null, 4, 0, 0);

        await snapshots.EvictAsync(k => k == leaving);

        Assert.Equal(1, snapshots.Count);
        Assert.Equal(4, snapshots.OldestUnwrittenSeq);
        Assert.Equal("leaving", Encoding.UTF8.GetString((await _table.ReadAsync(leaving))!.Payload!));
        Assert.Null(snapshots.TryWrite(leaving, Bytes("stale writer"), 1, 5, 0, 0));
    }

    public async Task DisposeAsync()
    {
        await _table.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
