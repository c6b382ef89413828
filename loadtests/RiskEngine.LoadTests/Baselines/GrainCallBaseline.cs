using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RiskEngine.LoadTests.Hosting;
using RiskEngine.LoadTests.Phases;
using RiskEngine.LoadTests.Reporting;

namespace RiskEngine.LoadTests.Baselines;

/// <summary>
/// The messaging yardstick: how many grain calls per second Orleans itself completes on this machine, with nothing
/// behind them. An in-process silo (localhost clustering on free ports, no storage) hosts a trivial grain; many
/// callers in the same process (as the server's HTTP handlers are) call it over a set of grains, each awaiting its
/// call before the next, for the same kind of warm-up and span as the other baselines.
/// </summary>
public static class GrainCallBaseline
{
    public const int Grains = 10_000;

    public static async Task<GrainCallFigures> RunAsync(int callers, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        var siloPort = FreeTcpPort.Pick();
        var gatewayPort = FreeTcpPort.Pick();
        builder.UseOrleans(silo => silo.UseLocalhostClustering(siloPort, gatewayPort));
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();

            // Activate every grain first, so the measurement is calls, not activations.
            await Parallel.ForEachAsync(Enumerable.Range(0, Grains), new ParallelOptions { MaxDegreeOfParallelism = callers, CancellationToken = cancellationToken },
                async (key, _) => await grains.GetGrain<IPingGrain>(key).PingAsync(key));

            var window = new MeasurementWindow(warmup, duration);
            var latency = new LatencyRecorder();

            async Task CallerAsync(int index, CancellationToken token)
            {
                var random = new Random(index);
                while (!window.IsOver)
                {
                    token.ThrowIfCancellationRequested();
                    var started = Stopwatch.GetTimestamp();
                    await grains.GetGrain<IPingGrain>(random.Next(Grains)).PingAsync(index);
                    if (window.Complete(1))
                    {
                        latency.RecordSince(started);
                    }
                }
            }

            var usage = await WorkerPool.RunAsync(
                callers,
                window,
                CallerAsync,
                () => $"  grains   {window.Elapsed.TotalSeconds,4:0}s  {window.Stage,-9}  calls {window.WarmupCount + window.MeasuredCount,12:N0}"
                    + $"  last 1 s {window.RecentRate(),10:N0}/s  measured {window.Rate,10:N0}/s",
                cancellationToken);
            return new GrainCallFigures(
                window.MeasuredCount,
                callers,
                Grains,
                Math.Round(window.MeasuredSpan.TotalSeconds, 3),
                Math.Round(window.Rate, 1),
                latency.Summarize(),
                OrleansVersion(),
                usage);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static string OrleansVersion()
    {
        var version = typeof(IGrainFactory).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";
        // "10.4.2+sha" or "10.4.2. Commit Hash: sha": the version is the leading run of digits and dots.
        var end = 0;
        while (end < version.Length && (char.IsAsciiDigit(version[end]) || version[end] == '.'))
        {
            end++;
        }

        return end > 0 ? version[..end].TrimEnd('.') : version;
    }
}
