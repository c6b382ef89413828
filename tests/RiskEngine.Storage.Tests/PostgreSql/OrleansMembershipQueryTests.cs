using static RiskEngine.Storage.Tests.PostgreSql.OrleansParameter;

namespace RiskEngine.Storage.Tests.PostgreSql;

/// <summary>The membership queries, run with the parameters Orleans.Clustering.AdoNet 10.4.2 binds.</summary>
public sealed class OrleansMembershipQueryTests(MigratedSchemaFixture fixture) : IClassFixture<MigratedSchemaFixture>
{
    private const int Joining = 2;
    private const int Active = 3;
    private const int Dead = 6;

    private readonly string _clusterId = "cluster-" + Guid.NewGuid().ToString("N");
    private readonly DateTime _now = new(2026, 11, 23, 2, 0, 0, 123, DateTimeKind.Utc);

    private OrleansParameter Cluster => Text("DeploymentId", _clusterId);

    private static OrleansParameter[] Silo(int port, int generation = 1) =>
        [Ansi("Address", "10.0.0.1"), Int("Port", port), Int("Generation", generation)];

    private Task<bool> InsertAsync(OrleansQueryRunner queries, int port, int version, int status = Joining, int proxyPort = 30000, DateTime? startTime = null) =>
        queries.ReadBooleanAsync("InsertMembershipKey",
        [
            Cluster, .. Silo(port), Text("SiloName", $"silo-{port}"), Text("HostName", "host-a"), Int("Status", status),
            Int("ProxyPort", proxyPort), Time("StartTime", startTime ?? _now), Time("IAmAliveTime", startTime ?? _now), Int("Version", version),
        ]);

    private Task<bool> UpdateAsync(OrleansQueryRunner queries, int port, int version, int status, string? suspectTimes = null, DateTime? iAmAlive = null) =>
        queries.ReadBooleanAsync("UpdateMembershipKey",
        [
            Cluster, .. Silo(port), Int("Status", status), Text("SuspectTimes", suspectTimes),
            Time("IAmAliveTime", iAmAlive ?? _now), Int("Version", version),
        ]);

    private async Task<(int Version, List<OrleansRow> Members)> ReadAllAsync(OrleansQueryRunner queries)
    {
        var rows = await queries.ReadAsync("MembershipReadAllKey", Cluster);
        Assert.NotEmpty(rows);
        return ((int)rows[0]["Version"]!, rows.Where(r => r["StartTime"] is not null).ToList());
    }

    private async Task<OrleansQueryRunner> StartClusterAsync()
    {
        var queries = await OrleansQueryRunner.LoadAsync(fixture.DataSource);
        Assert.True(await queries.ReadBooleanAsync("InsertMembershipVersionKey", Cluster));
        return queries;
    }

    [Fact]
    public async Task The_version_row_is_created_once_and_an_empty_cluster_still_reads_as_one_row()
    {
        var queries = await StartClusterAsync();

        Assert.False(await queries.ReadBooleanAsync("InsertMembershipVersionKey", Cluster));
        var row = Assert.Single(await queries.ReadAsync("MembershipReadAllKey", Cluster));
        Assert.Null(row["StartTime"]);
        Assert.Equal(0, row["Version"]);
        Assert.Null(Assert.Single(await queries.ReadAsync("MembershipReadRowKey", [Cluster, .. Silo(11111)]))["StartTime"]);
    }

    [Fact]
    public async Task A_silo_joins_only_at_the_current_version_and_only_once()
    {
        var queries = await StartClusterAsync();

        Assert.True(await InsertAsync(queries, 11111, version: 0));
        Assert.False(await InsertAsync(queries, 22222, version: 0));
        Assert.False(await InsertAsync(queries, 11111, version: 1));
        Assert.True(await InsertAsync(queries, 22222, version: 1));

        var (version, members) = await ReadAllAsync(queries);
        Assert.Equal(2, version);
        Assert.Equal([11111, 22222], members.Select(m => (int)m["Port"]!).Order());
        var first = members.Single(m => (int)m["Port"]! == 11111);
        Assert.Equal(("10.0.0.1", 1, "silo-11111", "host-a", Joining, 30000), (first["Address"], first["Generation"], first["SiloName"], first["HostName"], first["Status"], first["ProxyPort"]));
        Assert.Null(first["SuspectTimes"]);
        Assert.Equal(_now, first["StartTime"]);
        Assert.Equal(DateTimeKind.Utc, ((DateTime)first["IAmAliveTime"]!).Kind);
        Assert.All(await queries.ReadAsync("MembershipReadAllKey", Cluster), row => Assert.Equal(2, row["Version"]));

        var one = Assert.Single(await queries.ReadAsync("MembershipReadRowKey", [Cluster, .. Silo(22222)]));
        Assert.Equal((22222, 2), (one["Port"], one["Version"]));
    }

    [Fact]
    public async Task Racing_joins_at_one_version_let_exactly_one_silo_in()
    {
        var queries = await StartClusterAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => InsertAsync(queries, 40000 + i, version: 0))));

        Assert.Single(results, joined => joined);
        var (version, members) = await ReadAllAsync(queries);
        Assert.Equal((1, 1), (version, members.Count));
    }

    [Fact]
    public async Task An_update_needs_the_current_version_and_a_known_silo_and_otherwise_changes_nothing()
    {
        var queries = await StartClusterAsync();
        Assert.True(await InsertAsync(queries, 11111, version: 0));
        var votes = $"10.0.0.2:22222@1,{_now:yyyy-MM-dd HH:mm:ss.fff} GMT";

        Assert.False(await UpdateAsync(queries, 11111, version: 0, Active));
        Assert.False(await UpdateAsync(queries, 33333, version: 1, Active));
        Assert.Equal(1, (await ReadAllAsync(queries)).Version);
        Assert.True(await UpdateAsync(queries, 11111, version: 1, Active, votes, _now.AddSeconds(5)));

        var (version, members) = await ReadAllAsync(queries);
        var member = Assert.Single(members);
        Assert.Equal(2, version);
        Assert.Equal((Active, votes, _now.AddSeconds(5)), (member["Status"], member["SuspectTimes"], member["IAmAliveTime"]));
    }

    [Fact]
    public async Task The_heartbeat_moves_only_forward_and_leaves_the_version_alone()
    {
        var queries = await StartClusterAsync();
        Assert.True(await InsertAsync(queries, 11111, version: 0));
        OrleansParameter[] Beat(DateTime at) => [Cluster, .. Silo(11111), Time("IAmAliveTime", at)];

        await queries.ExecuteAsync("UpdateIAmAlivetimeKey", Beat(_now.AddMinutes(1)));
        await queries.ExecuteAsync("UpdateIAmAlivetimeKey", Beat(_now.AddSeconds(30)));

        var (version, members) = await ReadAllAsync(queries);
        Assert.Equal((1, _now.AddMinutes(1)), (version, (DateTime)Assert.Single(members)["IAmAliveTime"]!));
    }

    [Fact]
    public async Task Gateways_are_the_active_silos_that_accept_clients()
    {
        var queries = await StartClusterAsync();
        Assert.True(await InsertAsync(queries, 11111, 0, Active, proxyPort: 30001));
        Assert.True(await InsertAsync(queries, 22222, 1, Active, proxyPort: 0));
        Assert.True(await InsertAsync(queries, 33333, 2, Joining, proxyPort: 30003));

        var gateway = Assert.Single(await queries.ReadAsync("GatewaysQueryKey", Cluster, Int("Status", Active)));

        Assert.Equal(("10.0.0.1", 30001, 1), (gateway["Address"], gateway["ProxyPort"], gateway["Generation"]));
    }

    [Fact]
    public async Task Cleanup_removes_only_dead_silos_that_went_quiet_before_the_cutoff()
    {
        var queries = await StartClusterAsync();
        var longAgo = _now.AddDays(-10);
        var cutoff = _now.AddDays(-7);
        Assert.True(await InsertAsync(queries, 11111, 0, startTime: longAgo));
        Assert.True(await UpdateAsync(queries, 11111, 1, Dead, iAmAlive: longAgo));
        Assert.True(await InsertAsync(queries, 22222, 2, startTime: _now.AddHours(-1)));
        Assert.True(await UpdateAsync(queries, 22222, 3, Dead));
        Assert.True(await InsertAsync(queries, 33333, 4, startTime: longAgo));
        Assert.True(await UpdateAsync(queries, 33333, 5, Dead, $"10.0.0.2:22222@1,{_now.AddDays(-1):yyyy-MM-dd HH:mm:ss.fff} GMT", longAgo));
        Assert.True(await InsertAsync(queries, 44444, 6, Active, startTime: longAgo));
        Assert.True(await InsertAsync(queries, 55555, 7, startTime: longAgo));
        Assert.True(await UpdateAsync(queries, 55555, 8, Dead, $"10.0.0.2:22222@1,{_now.AddDays(-9):yyyy-MM-dd HH:mm:ss.fff} GMT", longAgo));

        await queries.ExecuteAsync("CleanupDefunctSiloEntriesKey", Cluster, Time("IAmAliveTime", cutoff));

        var (_, members) = await ReadAllAsync(queries);
        Assert.Equal([22222, 33333, 44444], members.Select(m => (int)m["Port"]!).Order());
    }

    [Fact]
    public async Task The_single_row_cleanup_deletes_a_dead_row_only_while_it_is_unchanged()
    {
        var queries = await StartClusterAsync();
        var longAgo = _now.AddDays(-10);
        Assert.True(await InsertAsync(queries, 11111, 0, startTime: longAgo));
        Assert.True(await UpdateAsync(queries, 11111, 1, Dead, iAmAlive: longAgo));
        var (_, members) = await ReadAllAsync(queries);
        var dead = Assert.Single(members);
        OrleansParameter[] AsRead(DateTime iAmAlive) =>
        [
            Cluster, .. Silo(11111), Time("StartTime", (DateTime)dead["StartTime"]!), Time("IAmAliveTime", iAmAlive),
            Text("SuspectTimes", (string?)dead["SuspectTimes"]),
        ];

        await queries.ExecuteAsync("CleanupDefunctSiloEntryKey", AsRead(longAgo.AddSeconds(1)));
        Assert.Single((await ReadAllAsync(queries)).Members);
        await queries.ExecuteAsync("CleanupDefunctSiloEntryKey", AsRead((DateTime)dead["IAmAliveTime"]!));
        Assert.Empty((await ReadAllAsync(queries)).Members);
    }

    [Fact]
    public async Task Deleting_the_cluster_removes_its_members_and_its_version_row()
    {
        var queries = await StartClusterAsync();
        Assert.True(await InsertAsync(queries, 11111, 0));

        await queries.ExecuteAsync("DeleteMembershipTableEntriesKey", Cluster);

        Assert.Empty(await queries.ReadAsync("MembershipReadAllKey", Cluster));
        Assert.True(await queries.ReadBooleanAsync("InsertMembershipVersionKey", Cluster));
    }
}
