using static RiskEngine.Storage.Tests.PostgreSql.OrleansParameter;

namespace RiskEngine.Storage.Tests.PostgreSql;

/// <summary>The reminder queries, run with the parameters Orleans.Reminders.AdoNet 10.4.2 binds.</summary>
public sealed class OrleansReminderQueryTests(MigratedSchemaFixture fixture) : IClassFixture<MigratedSchemaFixture>
{
    private readonly string _serviceId = "svc-" + Guid.NewGuid().ToString("N");
    private readonly DateTime _start = new(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc);

    private OrleansParameter Service => Text("ServiceId", _serviceId);

    private async Task<int> UpsertAsync(OrleansQueryRunner queries, string grainId, string name, int hash, object period)
    {
        var periodParameter = period is long ms ? Long("Period", ms) : Int("Period", (int)period);
        var row = Assert.Single(await queries.ReadAsync("UpsertReminderRowKey",
            Service, Ansi("GrainId", grainId), Text("ReminderName", name), Time("StartTime", _start), periodParameter, Int("GrainHash", hash)));
        return Convert.ToInt32(row["Version"], System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<string[]> RangeAsync(OrleansQueryRunner queries, int begin, int end)
    {
        var key = begin < end ? "ReadRangeRows1Key" : "ReadRangeRows2Key";
        var rows = await queries.ReadAsync(key, Service, Int("BeginHash", begin), Int("EndHash", end));
        return rows.Select(r => (string)r["GrainId"]!).Order().ToArray();
    }

    [Fact]
    public async Task A_reminder_is_registered_at_version_zero_and_each_upsert_raises_it()
    {
        var queries = await OrleansQueryRunner.LoadAsync(fixture.DataSource);

        Assert.Equal(0, await UpsertAsync(queries, "sweep/420112", "due", 17, 60_000));
        Assert.Equal(1, await UpsertAsync(queries, "sweep/420112", "due", 17, 3_600_000L * 24 * 30));
        Assert.Equal(0, await UpsertAsync(queries, "sweep/420112", "other", 17, 1_000));

        var row = Assert.Single(await queries.ReadAsync("ReadReminderRowKey", Service, Ansi("GrainId", "sweep/420112"), Text("ReminderName", "due")));
        Assert.Equal(("sweep/420112", "due", _start, 3_600_000L * 24 * 30, 1), (row["GrainId"], row["ReminderName"], row["StartTime"], row["Period"], row["Version"]));
        Assert.Empty(await queries.ReadAsync("ReadReminderRowKey", Service, Ansi("GrainId", "sweep/420112"), Text("ReminderName", "none")));
        var rows = await queries.ReadAsync("ReadReminderRowsKey", Service, Ansi("GrainId", "sweep/420112"));
        Assert.Equal(["due", "other"], rows.Select(r => (string)r["ReminderName"]!).Order());
    }

    [Fact]
    public async Task Ring_ranges_select_by_signed_hash_including_wrapping_and_the_whole_ring()
    {
        var queries = await OrleansQueryRunner.LoadAsync(fixture.DataSource);
        foreach (var (grain, hash) in new[] { ("g/min", int.MinValue + 1), ("g/neg", -100), ("g/zero", 0), ("g/pos", 100), ("g/max", int.MaxValue) })
        {
            await UpsertAsync(queries, grain, "r", hash, 1000);
        }

        Assert.Equal(["g/pos", "g/zero"], await RangeAsync(queries, -50, 100));
        Assert.Equal(["g/max", "g/min", "g/neg"], await RangeAsync(queries, 100, -50));
        Assert.Equal(["g/max", "g/min", "g/neg", "g/pos", "g/zero"], await RangeAsync(queries, 0, 0));
        Assert.Equal(["g/min", "g/neg", "g/pos", "g/zero"], await RangeAsync(queries, int.MaxValue, 100));
    }

    [Fact]
    public async Task A_reminder_is_deleted_only_at_the_version_the_caller_holds()
    {
        var queries = await OrleansQueryRunner.LoadAsync(fixture.DataSource);
        await UpsertAsync(queries, "sweep/420102", "due", 5, 1000);
        var version = await UpsertAsync(queries, "sweep/420102", "due", 5, 2000);
        OrleansParameter[] Delete(int v) => [Service, Ansi("GrainId", "sweep/420102"), Text("ReminderName", "due"), Int("Version", v)];

        Assert.False(await queries.ReadBooleanAsync("DeleteReminderRowKey", Delete(version - 1)));
        Assert.True(await queries.ReadBooleanAsync("DeleteReminderRowKey", Delete(version)));
        Assert.False(await queries.ReadBooleanAsync("DeleteReminderRowKey", Delete(version)));
    }

    [Fact]
    public async Task Deleting_all_rows_of_a_service_leaves_other_services_alone()
    {
        var queries = await OrleansQueryRunner.LoadAsync(fixture.DataSource);
        await UpsertAsync(queries, "sweep/1", "due", 1, 1000);
        var other = Text("ServiceId", _serviceId + "-other");
        await queries.ReadAsync("UpsertReminderRowKey", other, Ansi("GrainId", "sweep/1"), Text("ReminderName", "due"), Time("StartTime", _start), Int("Period", 1000), Int("GrainHash", 1));

        await queries.ExecuteAsync("DeleteReminderRowsKey", Service);

        Assert.Empty(await queries.ReadAsync("ReadReminderRowsKey", Service, Ansi("GrainId", "sweep/1")));
        Assert.Single(await queries.ReadAsync("ReadReminderRowsKey", other, Ansi("GrainId", "sweep/1")));
    }
}
