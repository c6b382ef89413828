using HdrHistogram;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>Percentiles of a latency histogram recorded in microseconds, reported in milliseconds.</summary>
public sealed record LatencySummary(long Count, double MeanMs, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs)
{
    public static LatencySummary From(HistogramBase microseconds)
    {
        if (microseconds.TotalCount == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0);
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
