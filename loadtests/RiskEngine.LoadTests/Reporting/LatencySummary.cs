using System.Text.Json.Serialization;
using HdrHistogram;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>
/// Percentiles of a latency histogram recorded in microseconds, reported in milliseconds. In the JSON the keys are
/// the names load testers use (p50, p90, p99, p999, max) beside <c>unit: "ms"</c>.
/// </summary>
public sealed record LatencySummary(
    long Count,
    [property: JsonPropertyName("mean")] double MeanMs,
    [property: JsonPropertyName("p50")] double P50Ms,
    [property: JsonPropertyName("p90")] double P90Ms,
    [property: JsonPropertyName("p99")] double P99Ms,
    [property: JsonPropertyName("p999")] double P999Ms,
    [property: JsonPropertyName("max")] double MaxMs)
{
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0, 0, 0);

    [JsonPropertyOrder(-1)]
    public string Unit => "ms";

    public static LatencySummary From(HistogramBase microseconds)
    {
        if (microseconds.TotalCount == 0)
        {
            return Empty;
        }

        static double Ms(double value) => Math.Round(value / 1000.0, 3);
        return new LatencySummary(
            microseconds.TotalCount,
            Ms(microseconds.GetMean()),
            Ms(microseconds.GetValueAtPercentile(50)),
            Ms(microseconds.GetValueAtPercentile(90)),
            Ms(microseconds.GetValueAtPercentile(99)),
            Ms(microseconds.GetValueAtPercentile(99.9)),
            Ms(microseconds.GetMaxValue()));
    }
}
