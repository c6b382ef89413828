using System.Globalization;
using System.Text;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>The soak's section of the Markdown report: the verdict, each figure early against late, and every minute.</summary>
public static class SoakMarkdown
{
    public static void Append(StringBuilder text, SoakFigures soak)
    {
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        static string Mib(long? bytes) => bytes is { } b ? (b / (1024.0 * 1024)).ToString("N0", CultureInfo.InvariantCulture) : "-";

        text.AppendLine();
        text.AppendLine("## Soak");
        text.AppendLine();
        Line($"**{soak.Verdict}.**");
        text.AppendLine();
        if (soak.Findings.Count > 0)
        {
            Line($"Medians of the first {soak.WindowMinutes} minutes after a {soak.WarmupMinutes}-minute warm-up against the last {soak.WindowMinutes}; memory trends by least squares over every minute after the warm-up.");
            text.AppendLine();
            text.AppendLine("| figure | early | late | trend per hour | bound | holds |");
            text.AppendLine("|---|---:|---:|---:|---|---|");
            foreach (var finding in soak.Findings)
            {
                var trend = finding.PerHour is { } perHour ? perHour.ToString("+0.0;-0.0", CultureInfo.InvariantCulture) : "";
                Line($"| {finding.What} | {finding.Early:0.0} | {finding.Late:0.0} | {trend} | {finding.Bound} | {(finding.Holds ? "yes" : "**no**")} |");
            }

            text.AppendLine();
        }

        text.AppendLine("| minute | offered/s | durable/s | refused | errors | ingest p50 / p99 / max ms | wall p99 ms | working set MiB | heap MiB | grains | apply backlog | storage MiB |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var minute in soak.Minutes)
        {
            Line($"| {minute.Minute} | {minute.OfferedPerSecond:N0} | {minute.DurablePerSecond:N0} | {minute.RefusedRequests:N0} | {minute.Errors:N0} | {minute.IngestLatency.P50Ms:0.0} / {minute.IngestLatency.P99Ms:0.0} / {minute.IngestLatency.MaxMs:0.0} | {minute.SignalToWall.P99Ms:0} | {Mib(minute.WorkingSetBytes)} | {Mib(minute.ManagedHeapBytes)} | {minute.Activations?.ToString("N0", CultureInfo.InvariantCulture) ?? "-"} | {minute.ApplyLag?.ToString("N0", CultureInfo.InvariantCulture) ?? "-"} | {Mib(minute.StorageBytes)} |");
        }
    }
}
