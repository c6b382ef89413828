using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Cluster;
using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.Live;

/// <summary>The demo feed, in real server processes: it says so when it runs, and never runs in cluster mode.</summary>
public sealed class DemoFeedModeTests
{
    private const string Running = "Demo feed is running";
    private const string Refused = "Demo feed is off in cluster mode";

    [Fact]
    public async Task In_embedded_mode_the_demo_feed_says_it_is_running()
    {
        using var data = new TemporaryDirectory();
        using var server = await EngineProcess.StartAsync(data.Path, [new("Demo:Enabled", "true"), new("Demo:SignalsPerSecond", "5")]);

        await Eventually.ReadAsync(() => Task.FromResult(server.OutputTail()), output => output.Contains(Running, StringComparison.Ordinal), "the server says its demo feed runs");
    }

    [Fact]
    public async Task In_cluster_mode_the_demo_feed_does_not_run_and_the_server_says_why()
    {
        await using var database = await ClusterDatabase.CreateAsync();
        using var data = new TemporaryDirectory();
        using var server = await EngineProcess.StartAsync(data.Path, ClusterServerSettings.For(database.ConnectionString, new KeyValuePair<string, string?>("Demo:Enabled", "true")));

        var output = await Eventually.ReadAsync(() => Task.FromResult(server.OutputTail()), text => text.Contains(Refused, StringComparison.Ordinal), "the server says its demo feed is off in cluster mode");
        Assert.DoesNotContain(Running, output, StringComparison.Ordinal);
        using var client = server.CreateClient();
        var districts = await new EngineApi(client).GetAsync<Contract.DistrictView[]>("/api/v1/districts");
        Assert.All(districts, district => Assert.Equal(0, district.Total));
    }
}
