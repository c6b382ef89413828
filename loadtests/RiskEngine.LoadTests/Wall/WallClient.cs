using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RiskEngine.LoadTests.Api;
using RiskEngine.LoadTests.CommandLine;

namespace RiskEngine.LoadTests.Wall;

/// <summary>
/// One wall display: a SignalR connection to /hubs/risk with the API key, watching one scope ("city" or
/// "district:420106"); it takes the snapshot, then every delta frame, and reports each to <see cref="WallLatency"/>.
/// The tracking client (one per run, watching the city) also matches frames to acknowledged batches.
/// </summary>
public sealed class WallClient : IAsyncDisposable
{
    public const string HubPath = "/hubs/risk";

    private readonly HubConnection _connection;
    private readonly WallLatency _latency;
    private readonly bool _tracker;
    private DateTimeOffset? _lastIngested;
    private volatile bool _closing;

    private WallClient(HubConnection connection, WallLatency latency, string scope, bool tracker)
    {
        _connection = connection;
        _latency = latency;
        _tracker = tracker;
        Scope = scope;
    }

    public string Scope { get; }

    /// <summary>Connects, registers the frame handlers and calls Watch(scope).</summary>
    /// <exception cref="Exception">Whatever the connection or the Watch call threw; the caller counts it by type.</exception>
    public static async Task<WallClient> ConnectAsync(
        EngineApi api, string scope, HubProtocol protocol, WallLatency latency, bool tracker, CancellationToken cancellationToken)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(api.BaseAddress, HubPath), options => options.Headers[EngineApi.ApiKeyHeader] = api.ApiKey);
        if (protocol == HubProtocol.MessagePack)
        {
            builder.AddMessagePackProtocol();
        }

        var connection = builder.Build();
        var client = new WallClient(connection, latency, scope, tracker);
        connection.On<object>("snapshot", frame => client.OnFrame(frame, snapshot: true));
        connection.On<object>("delta", frame => client.OnFrame(frame, snapshot: false));
        connection.On<object>("alert", _ => latency.Alert());
        connection.Closed += error =>
        {
            if (!client._closing)
            {
                latency.Errors.Add(error is null ? "wall-closed-by-server" : "wall-closed-" + error.GetType().Name);
            }

            return Task.CompletedTask;
        };
        try
        {
            await connection.StartAsync(cancellationToken);
            await connection.InvokeAsync("Watch", scope, cancellationToken);
            return client;
        }
        catch
        {
            client._closing = true;
            await connection.DisposeAsync();
            throw;
        }
    }

    private void OnFrame(object? frame, bool snapshot)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        var facts = WallFrameReader.Read(frame);
        var advanced = facts.MaxIngestedAt is { } ingested && (_lastIngested is not { } previous || ingested > previous);
        if (advanced)
        {
            _lastIngested = facts.MaxIngestedAt;
        }

        if (snapshot)
        {
            _latency.Snapshot();
            return;
        }

        _latency.Delta(receivedAt, facts.MaxIngestedAt, advanced);
        if (_tracker && advanced)
        {
            _latency.Tracked(receivedAt, facts.MaxIngestedAt!.Value);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _closing = true;
        await _connection.DisposeAsync();
    }
}
