using RiskEngine.Domain.Learning;
using ScottPlot;

namespace RiskEngine.Server.Backtest;

/// <summary>A backtest's calibration plot: observed rate of bad outcomes against mean predicted probability, per set of parameters.</summary>
public static class CalibrationPlot
{
    private const int Width = 800;
    private const int Height = 600;

    /// <summary>Writes the PNG; false (and why, on <paramref name="error"/>) when this machine cannot draw.</summary>
    public static bool Save(BacktestReport report, string path, TextWriter error)
    {
        try
        {
            var plot = new Plot();
            var diagonal = plot.Add.Line(0, 0, 1, 1);
            diagonal.LineColor = Colors.Gray;
            diagonal.LinePattern = LinePattern.Dashed;
            diagonal.LegendText = "perfectly calibrated";
            foreach (var result in report.Results)
            {
                var bins = result.Quality.Calibration;
                var line = plot.Add.Scatter(bins.Select(b => b.MeanPredicted).ToArray(), bins.Select(b => b.ObservedRate).ToArray());
                line.LegendText = $"{result.Name} (AUC {result.Quality.Auc:F3})";
                line.MarkerSize = 7;
            }

            plot.Title($"Calibration on {report.EvaluationOutcomes:N0} outcomes from {report.SplitAt:yyyy-MM-dd}");
            plot.XLabel("predicted probability of a bad outcome (seeded: score / 100)");
            plot.YLabel("observed rate");
            plot.Axes.SetLimits(0, 1, 0, 1);
            plot.ShowLegend(Alignment.UpperLeft);
            plot.SavePng(path, Width, Height);
            return true;
        }
        catch (Exception cannotDraw) when (cannotDraw is TypeInitializationException or DllNotFoundException or EntryPointNotFoundException)
        {
            error.WriteLine($"  calibration plot skipped: this machine cannot draw with SkiaSharp ({cannotDraw.GetBaseException().Message})");
            return false;
        }
    }
}
