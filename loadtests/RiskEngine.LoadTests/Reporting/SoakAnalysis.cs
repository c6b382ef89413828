using System.Globalization;
using MathNet.Numerics;
using MathNet.Numerics.Statistics;
using RiskEngine.LoadTests.Stats;
using RiskEngine.LoadTests.Traffic;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>
/// Judges a soak: after a warm-up (a tenth of the run, at least a minute), the median of each figure over the first
/// window is compared with its median over the last window (each a third of what is left). Memory, live grains and
/// the apply backlog may not grow beyond a tenth (or a small absolute slack, so an idle figure does not fail on a
/// few megabytes); latency may not grow by half (or a few milliseconds); storage may grow with the signals but not
/// faster per signal; errors may not be more frequent at the end than at the start.
/// </summary>
public static class SoakAnalysis
{
    private const double MemoryGrowth = 1.10;
    private const double LatencyGrowth = 1.5;
    private const double StorageGrowthPerSignal = 1.5;
    private const long WorkingSetSlack = 64L << 20;
    private const long ManagedHeapSlack = 32L << 20;
    private const long ActivationSlack = 1_000;
    private const long ApplyLagSlack = 5_000;
    private const double IngestSlackMs = 20;
    private const double WallSlackMs = 250;
    private const double Mebibyte = 1 << 20;

    public static SoakFigures Of(IReadOnlyList<MinuteFigures> traffic, IReadOnlyList<StatsSample> samples, double trafficStartSeconds)
    {
        var lastReading = new Dictionary<int, StatsSample>();
        foreach (var sample in samples.OrderBy(s => s.Seconds))
        {
            var minute = (int)Math.Floor((sample.Seconds - trafficStartSeconds) / 60);
            if (minute >= 0 && minute < traffic.Count)
            {
                lastReading[minute] = sample;
            }
        }

        var minutes = traffic.Select(t => Minute(t, lastReading.GetValueOrDefault(t.Minute))).ToArray();
        var warmup = Math.Max(1, (int)Math.Round(minutes.Length / 10.0));
        var judged = minutes.Skip(warmup).ToArray();
        if (judged.Length < 2)
        {
            return new SoakFigures(minutes, warmup, 0, null, [],
                $"too short to judge: {minutes.Length} whole minute(s), and at least {warmup + 2} are needed (a warm-up of {warmup} and two to compare)");
        }

        var window = Math.Max(1, judged.Length / 3);
        var early = judged[..window];
        var late = judged[^window..];
        var findings = new List<SoakFinding>();

        void Memory(string what, Func<SoakMinute, long?> figure, long slack, string slackText)
        {
            if (Median(early, figure) is not { } before || Median(late, figure) is not { } after)
            {
                return;
            }

            var trend = Trend(judged, figure);
            findings.Add(new SoakFinding(what, before / Mebibyte, after / Mebibyte, trend / Mebibyte,
                $"late <= {MemoryGrowth:0.00}x early or + {slackText}", after <= before * MemoryGrowth || after - before <= slack));
        }

        Memory("working set (MiB)", m => m.WorkingSetBytes, WorkingSetSlack, "64 MiB");
        Memory("managed heap (MiB)", m => m.ManagedHeapBytes, ManagedHeapSlack, "32 MiB");
        Count("live grain activations", m => m.Activations, MemoryGrowth, ActivationSlack);
        Count("apply backlog (signals)", m => m.ApplyLag, 2, ApplyLagSlack);
        Latency("ingest p99 (ms)", m => m.IngestLatency, IngestSlackMs);
        Latency("signal -> wall p99 (ms)", m => m.SignalToWall, WallSlackMs);
        Storage();

        var earlyErrors = early.Sum(m => m.Errors);
        var lateErrors = late.Sum(m => m.Errors);
        findings.Add(new SoakFinding("failed requests per window", earlyErrors, lateErrors, null, "late <= early", lateErrors <= earlyErrors));

        var failed = findings.Where(f => !f.Holds).Select(f => f.What).ToArray();
        var verdict = failed.Length == 0
            ? string.Create(CultureInfo.InvariantCulture, $"flat: over {minutes.Length} minutes every figure of the last {window} stayed within its bound of the first {window} after a {warmup}-minute warm-up")
            : $"not flat: {string.Join(", ", failed)} grew beyond the bound between the first and the last {window} minutes";
        return new SoakFigures(minutes, warmup, window, failed.Length == 0, findings, verdict);

        void Count(string what, Func<SoakMinute, long?> figure, double growth, long slack)
        {
            if (Median(early, figure) is { } before && Median(late, figure) is { } after)
            {
                findings.Add(new SoakFinding(what, before, after, Trend(judged, figure),
                    string.Create(CultureInfo.InvariantCulture, $"late <= {growth:0.00}x early or + {slack:N0}"), after <= before * growth || after - before <= slack));
            }
        }

        void Latency(string what, Func<SoakMinute, LatencySummary> figure, double slackMs)
        {
            var before = Statistics.Median(early.Where(m => figure(m).Count > 0).Select(m => figure(m).P99Ms));
            var after = Statistics.Median(late.Where(m => figure(m).Count > 0).Select(m => figure(m).P99Ms));
            if (double.IsFinite(before) && double.IsFinite(after))
            {
                findings.Add(new SoakFinding(what, before, after, null,
                    string.Create(CultureInfo.InvariantCulture, $"late <= {LatencyGrowth:0.0}x early or + {slackMs} ms"), after <= before * LatencyGrowth || after - before <= slackMs));
            }
        }

        void Storage()
        {
            var before = BytesPerSignal(early);
            var after = BytesPerSignal(late);
            if (before is > 0 && after is not null)
            {
                findings.Add(new SoakFinding("storage growth (bytes per durable signal)", before.Value, after.Value, null,
                    $"late <= {StorageGrowthPerSignal:0.0}x early", after <= before * StorageGrowthPerSignal));
            }
        }
    }

    private static SoakMinute Minute(MinuteFigures traffic, StatsSample? reading) => new(
        traffic.Minute,
        traffic.Offered / 60.0,
        traffic.Accepted / 60.0,
        traffic.RefusedRequests,
        traffic.Errors,
        traffic.IngestLatency,
        traffic.SignalToWall,
        reading?.WorkingSetBytes,
        reading?.ManagedHeapBytes,
        reading?.Activations,
        reading?.ApplyLag,
        reading?.StorageBytes?.Values.Sum(),
        reading?.StorageBytes);

    private static double? Median(IEnumerable<SoakMinute> minutes, Func<SoakMinute, long?> figure)
    {
        var values = minutes.Select(figure).OfType<long>().Select(v => (double)v).ToArray();
        return values.Length == 0 ? null : Statistics.Median(values);
    }

    /// <summary>The least-squares slope of a figure per hour over the judged minutes; null with fewer than two readings.</summary>
    private static double? Trend(IEnumerable<SoakMinute> minutes, Func<SoakMinute, long?> figure)
    {
        var points = minutes.Where(m => figure(m) is not null).Select(m => (Hour: m.Minute / 60.0, Value: (double)figure(m)!.Value)).ToArray();
        if (points.Length < 2)
        {
            return null;
        }

        var (_, slope) = Fit.Line(points.Select(p => p.Hour).ToArray(), points.Select(p => p.Value).ToArray());
        return slope;
    }

    /// <summary>Bytes stored per signal made durable across a window, from its first reading to its last.</summary>
    private static double? BytesPerSignal(IReadOnlyList<SoakMinute> window)
    {
        var read = window.Where(m => m.StorageBytes is not null).ToArray();
        if (read.Length < 2)
        {
            return null;
        }

        // A minute's reading is taken at its end, so the signals between the first and the last reading are those of the minutes after the first.
        var signals = read.Skip(1).Sum(m => m.DurablePerSecond * 60);
        return signals <= 0 ? null : (read[^1].StorageBytes!.Value - read[0].StorageBytes!.Value) / signals;
    }
}
