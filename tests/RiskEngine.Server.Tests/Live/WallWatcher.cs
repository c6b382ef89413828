using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.Live;

/// <summary>A real SignalR client of /hubs/risk that records every frame it is sent, with its arrival time.</summary>
public sealed class WallWatcher : IAsyncDisposable
{
    private readonly Channel<(string Kind, JsonElement Frame, DateTimeOffset At)> _frames = Channel.CreateUnbounded<(string, JsonElement, DateTimeOffset)>();

    private WallWatcher(HubConnection connection)
    {
        Connection = connection;
        foreach (var kind in new[] { "snapshot", "delta", "alert", "escalation" })
        {
            connection.On<JsonElement>(kind, frame => _frames.Writer.TryWrite((kind, frame.Clone(), DateTimeOffset.UtcNow)));
        }
    }

    public HubConnection Connection { get; }

    /// <summary>Connects with a person's token, or an API key, or nothing.</summary>
    public static Task<WallWatcher> ConnectAsync(EngineServer server, string? token = null, string? apiKey = null, bool messagePack = false) =>
        ConnectAsync(server.BaseAddress, token, apiKey, messagePack);

    /// <summary>As <see cref="ConnectAsync(EngineServer, string?, string?, bool)"/>, to a server at <paramref name="baseAddress"/> (another process).</summary>
    public static async Task<WallWatcher> ConnectAsync(Uri baseAddress, string? token = null, string? apiKey = null, bool messagePack = false)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(baseAddress, "/hubs/risk"), options =>
        {
            if (token is not null)
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            }

            if (apiKey is not null)
            {
                options.Headers["X-Api-Key"] = apiKey;
            }
        });
        if (messagePack)
        {
            // The builder starts with JSON; a connection speaks exactly one protocol.
            builder.Services.RemoveAll<Microsoft.AspNetCore.SignalR.Protocol.IHubProtocol>();
            builder.AddMessagePackProtocol();
        }

        var watcher = new WallWatcher(builder.Build());
        await watcher.Connection.StartAsync();
        return watcher;
    }

    public Task WatchAsync(string scope) => Connection.InvokeAsync("Watch", scope);

    /// <summary>The next frame of <paramref name="kind"/> that satisfies <paramref name="condition"/>; fails after the timeout.</summary>
    public async Task<(JsonElement Frame, DateTimeOffset At)> NextAsync(string kind, Func<JsonElement, bool>? condition = null, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            while (true)
            {
                var (frameKind, frame, at) = await _frames.Reader.ReadAsync(deadline.Token);
                if (frameKind == kind && (condition is null || condition(frame)))
                {
                    return (frame, at);
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"No {kind} frame arrived in time.");
        }
    }

    /// <summary>Every frame of <paramref name="kind"/> that arrives within <paramref name="window"/>.</summary>
    public async Task<int> CountAsync(string kind, TimeSpan window)
    {
        var count = 0;
        using var deadline = new CancellationTokenSource(window);
        try
        {
            while (true)
            {
                var (frameKind, _, _) = await _frames.Reader.ReadAsync(deadline.Token);
                if (frameKind == kind)
                {
                    count++;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return count;
        }
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
