using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Contract;
using RiskEngine.Server.Tests.Hosting;
using RiskEngine.Server.Tests.People;
using Xunit.Abstractions;

namespace RiskEngine.Server.Tests.Live;

/// <summary>The live push through real SignalR clients: who may watch what, snapshots, coalesced deltas.</summary>
public sealed class HubTests(EngineServerFixture fixture, ITestOutputHelper output) : IClassFixture<EngineServerFixture>
{
    private EngineServer Server => fixture.Server;

    [Fact]
    public async Task An_anonymous_connection_is_refused()
    {
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => WallWatcher.ConnectAsync(Server));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task A_viewer_of_one_district_cannot_watch_another_nor_the_city()
    {
        var (_, token, client) = await PeopleAccounts.SignInAsync(Server, "viewer", TestSubjects.Dongxihu);
        client.Dispose();
        await using var watcher = await WallWatcher.ConnectAsync(Server, token);

        var other = await Assert.ThrowsAsync<HubException>(() => watcher.WatchAsync("district:" + TestSubjects.Jiangan));
        var city = await Assert.ThrowsAsync<HubException>(() => watcher.WatchAsync("city"));
        await Assert.ThrowsAsync<HubException>(() => watcher.WatchAsync("district:999999"));
        await watcher.WatchAsync("district:" + TestSubjects.Dongxihu);
        var (snapshot, _) = await watcher.NextAsync("snapshot");

        Assert.Contains("jurisdiction", other.Message, StringComparison.Ordinal);
        Assert.Contains("jurisdiction", city.Message, StringComparison.Ordinal);
        Assert.Equal("district:" + TestSubjects.Dongxihu, snapshot.GetProperty("scope").GetString());
        Assert.Equal(TestSubjects.Dongxihu, snapshot.GetProperty("districts")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_machine_with_scope_read_watches_the_city_over_MessagePack()
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(Server.BaseAddress, "/hubs/risk"), o => o.Headers["X-Api-Key"] = TestApiKeys.ReadOnly);
        builder.Services.RemoveAll<Microsoft.AspNetCore.SignalR.Protocol.IHubProtocol>();
        builder.AddMessagePackProtocol();
        await using var connection = builder.Build();
        var received = new TaskCompletionSource<object?>();
        connection.On<object?>("snapshot", frame => received.TrySetResult(frame));
        await connection.StartAsync();

        await connection.InvokeAsync("Watch", "city");
        var frame = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // MessagePack maps arrive untyped: the frame's fields under their .NET names.
        var fields = Assert.IsAssignableFrom<System.Collections.IDictionary>(frame);
        Assert.Equal("city", fields["Scope"]);
        Assert.Equal(13, Assert.IsAssignableFrom<System.Collections.ICollection>(fields["Districts"]).Count);
    }

    [Fact]
    public async Task A_signal_that_flags_an_entity_reaches_a_watcher_as_a_delta_within_2_seconds()
    {
        var (_, token, client) = await PeopleAccounts.SignInAsync(Server, "viewer", TestSubjects.Dongxihu);
        client.Dispose();
        await using var watcher = await WallWatcher.ConnectAsync(Server, token);
        await watcher.WatchAsync("district:" + TestSubjects.Dongxihu);
        await watcher.NextAsync("snapshot");
        var entity = TestSubjects.Uscc();

        var posted = DateTimeOffset.UtcNow;
        using (var machine = new EngineApi(Server.CreateClient()))
        {
            await machine.IngestAsync(SignalJson.ForNewSource().RedHistory(entity));
        }

        // maxIngestedAt is the server's watermark (every signal ingested before it is reflected), which follows its subjects'
        // reports by a round trip through the districts: wait for the frame that both names the entity and claims the post.
        var (delta, at) = await watcher.NextAsync("delta", frame => TopIds(frame).Contains(entity) && MaxIngestedAt(frame) >= posted);
        var latency = at - posted;
        output.WriteLine($"post -> delta naming the entity and claiming the post: {latency.TotalMilliseconds:F0} ms; maxIngestedAt {delta.GetProperty("maxIngestedAt")}");
        Assert.True(latency < TimeSpan.FromSeconds(2), $"the delta took {latency.TotalMilliseconds:F0} ms");
        Assert.True(delta.GetProperty("counts").GetProperty("red").GetInt64() >= 1);
    }

    [Fact]
    public async Task Bursts_of_changes_arrive_coalesced()
    {
        await using var watcher = await WallWatcher.ConnectAsync(Server, apiKey: TestApiKeys.ReadOnly);
        await watcher.WatchAsync("district:" + TestSubjects.Wuchang);
        await watcher.NextAsync("snapshot");
        var signals = SignalJson.ForNewSource();
        var entities = Enumerable.Range(0, 30).Select(_ => TestSubjects.Uscc(TestSubjects.Wuchang)).ToArray();

        var counting = watcher.CountAsync("delta", TimeSpan.FromSeconds(4));
        using (var machine = new EngineApi(Server.CreateClient()))
        {
            foreach (var entity in entities)
            {
                await machine.IngestAsync(signals.RiskyHistory(entity));
            }
        }

        var deltas = await counting;
        output.WriteLine($"{entities.Length} posts, each flagging an entity: {deltas} deltas in 4 s");
        Assert.InRange(deltas, 1, 4 * 4 + 2);
        Assert.True(deltas < entities.Length, $"{deltas} deltas for {entities.Length} changes: not coalesced");
    }

    [Fact]
    public async Task A_client_that_reconnects_gets_a_snapshot_that_agrees_with_the_reads()
    {
        var (_, token, client) = await PeopleAccounts.SignInAsync(Server, "officer", TestSubjects.Dongxihu);
        var entity = TestSubjects.Uscc();
        await using (var first = await WallWatcher.ConnectAsync(Server, token))
        {
            await first.WatchAsync("district:" + TestSubjects.Dongxihu);
            await first.NextAsync("snapshot");
        }

        using (var machine = new EngineApi(Server.CreateClient()))
        {
            await machine.IngestAsync(SignalJson.ForNewSource().RedHistory(entity));
            await Eventually.ReadAsync(() => machine.GetAsync<DistrictView>($"/api/v1/districts/{TestSubjects.Dongxihu}"),
                d => d.Top.Any(s => s.Id == entity), "the district ranks the entity");
        }

        await using var second = await WallWatcher.ConnectAsync(Server, token);
        await second.WatchAsync("district:" + TestSubjects.Dongxihu);
        var (snapshot, _) = await second.NextAsync("snapshot");
        using (client)
        {
            var read = await new EngineApi(client).GetAsync<DistrictView>($"/api/v1/districts/{TestSubjects.Dongxihu}");
            var counts = snapshot.GetProperty("counts");
            Assert.Contains(entity, TopIds(snapshot));
            Assert.Equal(
                (read.Counts.Yellow, read.Counts.Orange, read.Counts.Red),
                (counts.GetProperty("yellow").GetInt64(), counts.GetProperty("orange").GetInt64(), counts.GetProperty("red").GetInt64()));
        }
    }

    private static DateTimeOffset? MaxIngestedAt(JsonElement frame) =>
        frame.GetProperty("maxIngestedAt") is { ValueKind: JsonValueKind.String } at ? at.GetDateTimeOffset() : null;

    private static List<string?> TopIds(JsonElement frame) =>
        frame.GetProperty("top").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
}
