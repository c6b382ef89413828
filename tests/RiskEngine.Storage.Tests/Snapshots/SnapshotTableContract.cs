using System.Text;
using RiskEngine.Storage.Snapshots;

namespace RiskEngine.Storage.Tests.Snapshots;

/// <summary>
/// What the batched snapshot table promises, on each real store: the guards of Orleans' WriteToStorageKey, batches that
/// answer every caller on its own, and rows the stock provider's ReadFromStorageKey reads back.
/// </summary>
public abstract class SnapshotTableContract
{
    protected readonly string ServiceId = "svc-" + Guid.NewGuid().ToString("N");

    protected abstract ISnapshotTable Table { get; }

    /// <summary>The stock provider's stored ReadFromStorageKey, run with the parameters it binds for a string key.</summary>
    protected abstract Task<(byte[]? Payload, int Version)?> ReadThroughStockQueryAsync(SnapshotKey key);

    private SnapshotKey Key(string grainKey, string state = "entity") => new(ServiceId, state, grainKey);

    private static SnapshotWrite Write(SnapshotKey key, string payload, int? expected) =>
        new(key, Encoding.UTF8.GetBytes(payload), expected, TypeHash: 11, IdHash: 22);

    [Fact]
    public async Task A_snapshot_is_inserted_once_then_updated_only_at_the_version_it_was_read()
    {
        var key = Key("u:91420112700000319M");

        Assert.Null(await Table.ReadAsync(key));
        Assert.Equal(1, await Table.WriteAsync(Write(key, "v1", expected: null)));
        Assert.Null(await Table.WriteAsync(Write(key, "second first insert", expected: null)));
        Assert.Equal(2, await Table.WriteAsync(Write(key, "v2", expected: 1)));
        Assert.Null(await Table.WriteAsync(Write(key, "stale", expected: 1)));

        var read = await Table.ReadAsync(key);
        Assert.NotNull(read);
        Assert.Equal(("v2", 2), (Encoding.UTF8.GetString(read.Payload!), read.Version));
    }

    [Fact]
    public async Task A_cleared_snapshot_keeps_its_version_and_the_stock_query_reads_what_the_table_wrote()
    {
        var key = Key("q:310142010202600001");
        await Table.WriteAsync(Write(key, "unit", expected: null));

        Assert.Equal((Encoding.UTF8.GetBytes("unit"), 1), await ReadThroughStockQueryAsync(key));
        Assert.Equal(2, await Table.WriteAsync(new SnapshotWrite(key, null, 1, 11, 22)));
        var cleared = await Table.ReadAsync(key);
        Assert.Equal((null, 2), (cleared?.Payload, cleared?.Version));
    }

    [Fact]
    public async Task State_names_and_services_keep_grains_with_one_key_apart()
    {
        var key = Key("u:same");
        await Table.WriteAsync(Write(key, "entity", null));
        await Table.WriteAsync(Write(Key("u:same", "other-state"), "other", null));
        await Table.WriteAsync(Write(new SnapshotKey("another-service", "entity", "u:same"), "elsewhere", null));

        Assert.Equal("entity", Encoding.UTF8.GetString((await Table.ReadAsync(key))!.Payload!));
        Assert.Equal("other", Encoding.UTF8.GetString((await Table.ReadAsync(Key("u:same", "other-state")))!.Payload!));
    }

    [Fact]
    public async Task Hundreds_of_concurrent_callers_each_get_their_own_answer()
    {
        var keys = Enumerable.Range(0, 500).Select(i => Key($"u:burst-{i:D4}")).ToArray();

        var inserted = await Task.WhenAll(keys.Select(k => Table.WriteAsync(Write(k, k.GrainKey, null))));
        var updated = await Task.WhenAll(keys.Select(k => Table.WriteAsync(Write(k, k.GrainKey + "/2", 1))));
        var read = await Task.WhenAll(keys.Select(k => Table.ReadAsync(k)));

        Assert.All(inserted, v => Assert.Equal(1, v));
        Assert.All(updated, v => Assert.Equal(2, v));
        Assert.Equal(keys.Select(k => k.GrainKey + "/2"), read.Select(r => Encoding.UTF8.GetString(r!.Payload!)));
    }

    [Fact]
    public async Task Of_two_first_writes_of_one_grain_racing_in_one_batch_exactly_one_wins()
    {
        var key = Key("u:racing");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Table.WriteAsync(Write(key, "writer-" + i, null))));

        Assert.Equal(1, outcomes.Count(v => v == 1));
        Assert.Equal(7, outcomes.Count(v => v is null));
    }
}
