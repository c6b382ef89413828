using System.Net;
using System.Text;
using RiskEngine.Server.Hosting;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.Observability;

/// <summary>With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, the engine's metrics are pushed to that collector over OTLP.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task The_engines_metrics_reach_an_otlp_collector()
    {
        var port = FreePort.Pick();
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        var received = new List<(string Path, byte[] Body)>();
        var receiving = ReceiveAsync(collector, received);
        await using var server = await EngineServer.StartAsync(
        [
            new(TelemetryComposition.OtlpEndpointVariable, $"http://127.0.0.1:{port}"),
            new("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
            new("OTEL_METRIC_EXPORT_INTERVAL", "200"),
        ]);
        using var api = new EngineApi(server.CreateClient());
        await api.IngestAsync([SignalJson.ForNewSource().Complaint(TestSubjects.Uscc())]);

        // The payload is protobuf; instrument names travel in it as plain UTF-8.
        var export = await Eventually.ReadAsync(
            () => Task.FromResult(Snapshot(received).FirstOrDefault(r => Encoding.UTF8.GetString(r.Body).Contains("riskengine.signals.accepted", StringComparison.Ordinal))),
            r => r.Body is not null,
            "an OTLP export carries the engine's ingest counter");

        Assert.Equal("/v1/metrics", export.Path);
        collector.Stop();
        await receiving;
    }

    private static List<(string Path, byte[] Body)> Snapshot(List<(string Path, byte[] Body)> received)
    {
        lock (received)
        {
            return [.. received];
        }
    }

    private static async Task ReceiveAsync(HttpListener collector, List<(string Path, byte[] Body)> received)
    {
        try
        {
            while (collector.IsListening)
            {
                var context = await collector.GetContextAsync();
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                lock (received)
                {
                    received.Add((context.Request.Url!.AbsolutePath, body.ToArray()));
                }

                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }
        catch (Exception error) when (error is HttpListenerException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
