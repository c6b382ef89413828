using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.Live;

/// <summary>Through real SignalR clients: a connection's calls are rate limited, and one caller's connections are capped.</summary>
public sealed class HubLimitTests(HubLimitTests.Server fixture) : IClassFixture<HubLimitTests.Server>
{
    private const int Cap = 2;

    /// <summary>A server whose hub allows two connections per caller and one call a second after a burst of three.</summary>
    public sealed class Server : EngineServerFixture
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Hub:MaxConnectionsPerPerson", Cap.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Hub:CallsPerSecond", "1"),
            new("Hub:CallBurst", "3"),
        ];
    }

    [Fact]
    public async Task A_connection_over_the_callers_cap_is_closed_saying_why_and_the_place_comes_back_when_one_leaves()
    {
        var first = await WallWatcher.ConnectAsync(fixture.Server, apiKey: TestApiKeys.Full);
        await using var second = await WallWatcher.ConnectAsync(fixture.Server, apiKey: TestApiKeys.Full);
        await first.Connection.InvokeAsync("Unwatch", "city");
        await second.Connection.InvokeAsync("Unwatch", "city");

        var refusal = await RefusalAsync(TestApiKeys.Full);
        Assert.NotNull(refusal);
        Assert.Contains("Too many connections", refusal.Message, StringComparison.Ordinal);

        // Another caller is not held back by this one's connections.
        Assert.Null(await RefusalAsync(TestApiKeys.ReadOnly));

        // Once one of the two leaves, the caller may connect again.
        await first.DisposeAsync();
        await Eventually.ReadAsync(() => RefusalAsync(TestApiKeys.Full), refused => refused is null, "a place is free again after a connection closed");
    }

    [Fact]
    public async Task Calls_over_a_connections_rate_are_refused_saying_why()
    {
        await using var watcher = await WallWatcher.ConnectAsync(fixture.Server, apiKey: TestApiKeys.ReadOnly);

        var refusals = new List<HubException>();
        for (var call = 0; call < 10; call++)
        {
            try
            {
                await watcher.Connection.InvokeAsync("Unwatch", "city");
            }
            catch (HubException refused)
            {
                refusals.Add(refused);
            }
        }

        Assert.NotEmpty(refusals);
        Assert.All(refusals, refused => Assert.Contains("Too many hub calls", refused.Message, StringComparison.Ordinal));
        Assert.Equal(HubConnectionState.Connected, watcher.Connection.State);
    }

    /// <summary>Connects with <paramref name="apiKey"/> and makes one call: null when that worked, else why the server closed it.</summary>
    private async Task<Exception?> RefusalAsync(string apiKey)
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(fixture.Server.BaseAddress, "/hubs/risk"), o => o.Headers["X-Api-Key"] = apiKey).Build();
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };
        await using (connection)
        {
            try
            {
                await connection.StartAsync();
                await connection.InvokeAsync("Unwatch", "city");
                return null;
            }
            catch (Exception failure)
            {
                // The server closes a refused connection with its reason; any other failure is the test's to see.
                return await closed.Task.WaitAsync(TimeSpan.FromSeconds(10)) ?? failure;
            }
        }
    }
}
