using System.Globalization;
using RiskEngine.LoadTests.Stats;
using RiskEngine.LoadTests.Wall;

namespace RiskEngine.LoadTests.Traffic;

/// <summary>The once-a-second progress line of a traffic phase: offered and durable rates of the last second, queue, latencies, errors, server.</summary>
public static class TrafficProgress
{
    public static Func<string> Describe(string phase, PhaseRecorder recorder, OpenModelDriver driver, WallLatency wall, ServerStatsSampler sampler)
    {
        var started = DateTime.UtcNow;
        var last = DateTime.UtcNow;
        long lastOffered = 0;
        long lastAccepted = 0;
        return () =>
        {
            var now = DateTime.UtcNow;
            var seconds = Math.Max(0.001, (now - last).TotalSeconds);
            var offered = recorder.ItemsOffered;
            var accepted = recorder.Accepted;
            var line = string.Create(CultureInfo.InvariantCulture,
                $"  {phase,-10} {(now - started).TotalSeconds,4:0}s  offered {(offered - lastOffered) / seconds,8:N0}/s  durable {(accepted - lastAccepted) / seconds,8:N0}/s"
                + $"  in flight {driver.Outstanding,5}  ingest p99 {recorder.IngestLatency.Summarize().P99Ms,8:N1} ms"
                + $"  wall p99 {wall.AllFrames.Summarize().P99Ms,8:N1} ms  refused {recorder.RequestsRefused}  errors {recorder.Errors.Total}");
            var sample = sampler.Samples.LastOrDefault();
            if (sample is not null)
            {
                line += string.Create(CultureInfo.InvariantCulture, $"  server {sample.WorkingSetBytes / (1024.0 * 1024 * 1024):0.00} GiB, {sample.Activations:N0} grains");
            }

            last = now;
            lastOffered = offered;
            lastAccepted = accepted;
            return line;
        };
    }
}
