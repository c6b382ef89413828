using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RiskEngine.Domain;
using RiskEngine.Domain.Learning;
using RiskEngine.Server.Hosting;

namespace RiskEngine.Server.Backtest;

/// <summary>
/// <c>backtest --signals FILE.jsonl --outcomes FILE.csv</c>: replays a history of v1 signals through the engine's model
/// with each outcome scored at its own date over the signals before it, fits the combination on the first part of the
/// timeline and judges the seeded parameters, the fitted ones and a plain logistic regression on the rest (AUC, top
/// 10%/20% recall, days earlier, calibration). Writes report.json and calibration.png to --out. Exit 0 done, 2 bad usage.
/// </summary>
public static class BacktestCommand
{
    public static Command Create(string[] configuration, TextWriter output, TextWriter error)
    {
        var signals = new Option<FileInfo>("--signals") { Description = "v1 signals, one JSON object a line (as POST /api/v1/signals takes them).", Required = true };
        var outcomes = new Option<FileInfo>("--outcomes") { Description = "CSV with the header subject,date,label (date yyyy-MM-dd or ISO 8601; label 1 bad, 0 good).", Required = true };
        var industry = new Option<string>("--industry")
        {
            Description = "Industry category (seeds/industries.json) of the entities the signals name; unknown: the default category.",
            DefaultValueFactory = _ => RiskCatalog.DefaultIndustryCode,
        };
        var trainingShare = new Option<double>("--training-share")
        {
            Description = "Share of the outcomes, earliest first, the fit may use; the rest are scored.",
            DefaultValueFactory = _ => 0.5,
        };
        trainingShare.Validators.Add(r => { if (r.GetValueOrDefault<double>() is <= 0 or >= 1) { r.AddError("--training-share must be between 0 and 1 (exclusive)."); } });
        var dateOffset = new Option<string>("--date-offset")
        {
            Description = "UTC offset of the outcome dates' midnight (e.g. -08:00); default: the model's localUtcOffsetHours.",
        };
        var withoutEngine = new Option<bool>("--no-engine") { Description = "Skip the replay through a real embedded engine (its live scores beside the replay's)." };
        var report = new Option<DirectoryInfo>("--out") { Description = "Folder for report.json and calibration.png (created).", DefaultValueFactory = _ => new DirectoryInfo("backtest") };
        var command = new Command("backtest", "Judge the seeded, fitted and plain-logistic parameters on a history of signals and outcomes.")
        {
            signals, outcomes, industry, trainingShare, dateOffset, report, withoutEngine,
        };
        command.SetAction((parsed, cancellationToken) => RunAsync(
            new BacktestRequest(parsed.GetValue(signals)!.FullName, parsed.GetValue(outcomes)!.FullName, parsed.GetValue(industry)!,
                parsed.GetValue(trainingShare), parsed.GetValue(dateOffset), parsed.GetValue(report)!.FullName, !parsed.GetValue(withoutEngine)),
            configuration, output, error, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(BacktestRequest request, string[] configuration, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            var clock = Stopwatch.StartNew();
            var seeds = SeedCatalogLoader.FindDirectory(CommandConfiguration.Build(configuration));
            var catalog = SeedCatalogLoader.Load(seeds);
            var offset = request.DateOffset is { Length: > 0 } text
                ? TimeSpan.TryParse(text.TrimStart('+'), CultureInfo.InvariantCulture, out var parsed) ? parsed : throw new BacktestUsageException($"--date-offset '{text}' is not an offset such as -08:00")
                : catalog.Parameters.LocalUtcOffset;
            var inputs = BacktestInputs.Read(request.SignalsPath, request.OutcomesPath, offset, error);
            output.WriteLine($"backtest: {inputs.Signals.Count:N0} signals ({inputs.Rejected:N0} refused by the ingest validator, {inputs.Duplicates:N0} repeats counted once), {inputs.Outcomes.Count:N0} outcomes");
            if (inputs.Outcomes.Count(o => o.Positive) == 0 || inputs.Outcomes.All(o => o.Positive))
            {
                throw new BacktestUsageException("the outcomes need both labels, 1 and 0");
            }

            var model = new RiskModel(catalog);
            var profile = new EntityProfile(null, catalog.Districts[0].Code, request.Industry, EntityProfile.UnregisteredCreditClass);
            SubjectComponents Components(string subjectId, RiskHistory history, DateTimeOffset at) =>
                EquipmentCode.TryParse(subjectId, out var code, out _) && !Uscc.TryParse(subjectId, out _, out _)
                    ? model.EquipmentComponents(new EquipmentProfile(null, null, code.Class, null, null, null), history, at)
                    : model.EntityComponents(profile, history, [], at);
            var progress = new LineProgress(output, inputs.Outcomes.Count, cancellationToken);
            var scored = OutcomeReplay.Replay(inputs.Signals, inputs.Outcomes, Components, catalog.Parameters, progress);
            output.WriteLine($"  fitting on the first {request.TrainingShare:P0} of the timeline, scoring the rest");
            var result = Domain.Learning.Backtest.Run(scored, request.TrainingShare, FitSettings.Default);
            if (request.ThroughEngine)
            {
                output.WriteLine("  replaying through a real embedded engine (temporary folder, the engine's clock on the data's dates)");
                var start = inputs.Signals.Select(s => s.Event.OccurredAt).Concat(inputs.Outcomes.Select(o => o.At)).Min().AddDays(-1);
                await using var engine = await EngineReplay.StartAsync(seeds, new ReplayClock(start), cancellationToken);
                var live = await engine.ScoreAsync(inputs, request.Industry, offset, progress, cancellationToken);
                result = result.WithLiveEngine(scored, live);
            }

            Directory.CreateDirectory(request.OutputDirectory);
            var reportPath = Path.Combine(request.OutputDirectory, "report.json");
            File.WriteAllText(reportPath, JsonSerializer.Serialize(result, ReportJson));
            var plotPath = Path.Combine(request.OutputDirectory, "calibration.png");
            var plotted = CalibrationPlot.Save(result, plotPath, error);
            Print(result, output);
            if (result.LiveEngine is { } check)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"the live engine scored {check.Outcomes:N0} outcomes; its scores differ from the replay's seeded ones by at most {check.MaxScoreDifference:F3} points"));
            }

            output.WriteLine($"report: {reportPath}{(plotted ? $", calibration plot: {plotPath}" : string.Empty)} ({clock.Elapsed.TotalSeconds:F1} s)");
            return 0;
        }
        catch (BacktestUsageException usage)
        {
            error.WriteLine($"backtest: {usage.Message}");
            error.WriteLine("Run 'RiskEngine.Server backtest --help' for usage.");
            return ServerCommandLine.UsageExitCode;
        }
    }

    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static void Print(BacktestReport report, TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fitted on {report.TrainingOutcomes:N0} outcomes before {report.SplitAt:yyyy-MM-dd}; scored {report.EvaluationOutcomes:N0} from then on ({report.Results[0].Quality.Positives:N0} bad)"));
        output.WriteLine("parameters   AUC     top 10%  top 20%  days earlier  Brier");
        foreach (var result in report.Results)
        {
            var q = result.Quality;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Name,-12} {q.Auc,6:F3}  {q.TopTenthRecall,7:P1}  {q.TopFifthRecall,7:P1}  {result.MeanDaysEarlier,12:F1}  {q.Brier,5:F3}"));
        }
    }

    /// <summary>
    /// Progress as a line per step, written on the calling thread (<see cref="Progress{T}"/> would post to the thread pool,
    /// out of order); also where a Ctrl+C stops the replay.
    /// </summary>
    private sealed class LineProgress(TextWriter output, int total, CancellationToken cancellationToken) : IProgress<int>
    {
        public void Report(int value)
        {
            cancellationToken.ThrowIfCancellationRequested();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  scored {value:N0} / {total:N0} outcomes at their dates"));
        }
    }
}

/// <summary>What a backtest reads and where it writes.</summary>
public sealed record BacktestRequest(string SignalsPath, string OutcomesPath, string Industry, double TrainingShare, string? DateOffset, string OutputDirectory, bool ThroughEngine);
