using System.Net.Http;
using Microsoft.AspNetCore.SignalR;
using RiskEngine.LoadTests.Api;
using RiskEngine.LoadTests.CommandLine;

namespace RiskEngine.LoadTests.Wall;

/// <summary>
/// The wall displays of a run: client 0 watches the city and tracks batches; the others alternate between the city
/// and the districts in turn, spread over the servers. A client that cannot connect is counted by the reason, and
/// the run goes on without it.
/// </summary>
public sealed class WallFleet : IAsyncDisposable
{
    private const int ParallelConnects = 8;

    private readonly List<WallClient> _clients = [];
    private readonly Lock _lock = new();

    private WallFleet(WallLatency latency) => Latency = latency;

    public WallLatency Latency { get; }

    public int Connected
    {
        get
        {
            lock (_lock)
            {
                return _clients.Count;
            }
        }
    }

    public IReadOnlyList<string> Scopes
    {
        get
        {
            lock (_lock)
            {
                return _clients.Select(c => c.Scope).ToArray();
            }
        }
    }

    public static async Task<WallFleet> ConnectAsync(
        IReadOnlyList<EngineApi> apis, IReadOnlyList<string> districts, int count, HubProtocol protocol, WallLatency latency, CancellationToken cancellationToken)
    {
        var fleet = new WallFleet(latency);
        using var gate = new SemaphoreSlim(ParallelConnects);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async index =>
        {
            var scope = index % 2 == 0 ? "city" : $"district:{districts[index / 2 % districts.Count]}";
            await gate.WaitAsync(cancellationToken);
            try
            {
                var client = await WallClient.ConnectAsync(apis[index % apis.Count], scope, protocol, latency, tracker: index == 0, cancellationToken);
                lock (fleet._lock)
                {
                    fleet._clients.Add(client);
                }
            }
            catch (Exception error) when (error is HttpRequestException or HubException or InvalidOperationException or IOException or TimeoutException or System.Net.WebSockets.WebSocketException)
            {
                latency.Errors.Add(Reason(error));
                if (index == 0)
                {
                    Console.Error.WriteLine($"  wall client could not connect to {WallClient.HubPath}: {error.Message}");
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        return fleet;
    }

    private static string Reason(Exception error) => error switch
    {
        HttpRequestException { StatusCode: { } status } => $"wall-connect-http-{(int)status}",
        HubException => "wall-watch-refused",
        _ => "wall-connect-" + error.GetType().Name,
    };

    public async ValueTask DisposeAsync()
    {
        WallClient[] clients;
        lock (_lock)
        {
            clients = [.. _clients];
            _clients.Clear();
        }

        await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
    }
}
