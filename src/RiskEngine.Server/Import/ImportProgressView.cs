using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace RiskEngine.Server.Import;

/// <summary>
/// Shows an import's progress: a live bar with rate and time left on a terminal (Spectre.Console), a plain line every
/// few seconds when the output is a file or a pipe (CI logs, scripts), where a redrawn bar would be noise.
/// </summary>
public sealed class ImportProgressView(TextWriter output, bool interactive)
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    public static ImportProgressView ForConsole() =>
        new(Console.Out, !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive);

    public async Task<T> ShowAsync<T>(string title, long fileBytes, Func<Action<ImportTally>, Task<T>> work)
    {
        var clock = Stopwatch.StartNew();
        if (!interactive)
        {
            var lastShown = TimeSpan.Zero;
            return await work(tally =>
            {
                if (clock.Elapsed - lastShown >= PlainInterval)
                {
                    lastShown = clock.Elapsed;
                    output.WriteLine($"{title}: {Describe(tally, clock.Elapsed)}, {Percent(tally)}{TimeLeft(tally, clock.Elapsed)}");
                }
            });
        }

        return await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(title, maxValue: Math.Max(1, fileBytes));
                var result = await work(tally =>
                {
                    task.Value = tally.ThroughByte;
                    // Short, so that bar, percentage and time left fit an 80-column terminal beside it.
                    task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                        $"line {tally.ThroughLine:N0} · {tally.Rejected:N0} rejected · {Rate(tally, clock.Elapsed):N0}/s"));
                });
                task.Value = task.MaxValue;
                return result;
            });
    }

    public static string Describe(ImportTally tally, TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture,
            $"through line {tally.ThroughLine:N0}, {tally.Taken:N0} taken, {tally.Rejected:N0} rejected, {Rate(tally, elapsed):N0} lines/s");

    public static double Rate(ImportTally tally, TimeSpan elapsed) => tally.LinesThisRun / Math.Max(elapsed.TotalSeconds, 0.001);

    private static string Percent(ImportTally tally) =>
        string.Create(CultureInfo.InvariantCulture, $"{100.0 * tally.ThroughByte / Math.Max(1, tally.FileBytes):F0}% of the file");

    private static string TimeLeft(ImportTally tally, TimeSpan elapsed)
    {
        var done = (double)tally.ThroughByte / Math.Max(1, tally.FileBytes);
        return done <= 0 || done >= 1 ? "" : $", about {TimeSpan.FromSeconds(Math.Round(elapsed.TotalSeconds * (1 - done) / done)):c} left";
    }
}
