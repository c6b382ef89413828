using System.ComponentModel;
using System.Diagnostics;
using RiskEngine.LoadTests.Hosting;
using RiskEngine.LoadTests.Phases;
using RiskEngine.LoadTests.Reporting;

namespace RiskEngine.LoadTests.Comparison;

/// <summary>
/// Runs one yardstick's <c>run</c> script as a child process, shows its output, reads its figure from its result line
/// and meters the CPU of its process tree (and PostgreSQL's, for one that uses it) over the span its figure covers:
/// the last <c>seconds</c> before that line, read from a reading taken every second. Anything that keeps it from giving
/// a figure (missing, not executable, failed build, no result line, past its time limit) is reported as not run, with
/// the reason; only an interruption of the whole run ends it early.
/// </summary>
public static class YardstickRun
{
    private const int TailLines = 20;

    // Building the yardstick and starting its server (or its PostgreSQL) come before its measurement.
    private static readonly TimeSpan SetupAllowance = TimeSpan.FromMinutes(10);

    public static async Task<YardstickFigures> RunAsync(Yardstick yardstick, string peersDirectory, int seconds, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(peersDirectory, yardstick.Name);
        var script = Path.Combine(folder, "run");
        var arguments = yardstick.Arguments(seconds);
        var command = string.Join(' ', arguments.Prepend(script));
        YardstickFigures NotRun(string reason, int? exitCode = null, double wallSeconds = 0, IReadOnlyList<string>? tail = null) =>
            new(yardstick.Name, yardstick.Description, command, null, reason, null, null, exitCode, Math.Round(wallSeconds, 1), tail ?? []);

        if (!Directory.Exists(peersDirectory))
        {
            return NotRun($"there are no yardsticks: {peersDirectory} does not exist");
        }

        if (!File.Exists(script))
        {
            return NotRun($"{script} does not exist");
        }

        var clock = Stopwatch.StartNew();
        var tail = new Queue<string>();
        var readings = new List<CpuReading>();
        var gate = new Lock();
        CpuMeter? meter = null;
        double? figure = null;
        CpuReading? atResult = null;
        using var stopReading = new CancellationTokenSource();
        var reader = Task.CompletedTask;

        void Started(int pid)
        {
            meter = new CpuMeter(() => ProcessTree.Of(pid), yardstick.UsesPostgres);
            reader = ReadEverySecondAsync(meter, readings, gate, stopReading.Token);
        }

        void Line(string? line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                return;
            }

            Console.WriteLine($"   {yardstick.Name,-12} {line}");
            var result = YardstickOutput.SignalsPerSecond(line, yardstick.Name);
            var reading = result is null ? null : meter?.Read();
            lock (gate)
            {
                tail.Enqueue(line);
                if (tail.Count > TailLines)
                {
                    tail.Dequeue();
                }

                if (result is not null)
                {
                    figure = result;
                    atResult = reading;
                }
            }
        }

        int? exitCode;
        try
        {
            exitCode = await ChildProcess.RunAsync(script, folder, arguments, null, Line, TimeSpan.FromSeconds(seconds) + SetupAllowance, cancellationToken, Started);
        }
        catch (Exception error) when (error is Win32Exception or IOException or UnauthorizedAccessException)
        {
            return NotRun($"{script} could not be started: {error.Message}");
        }
        finally
        {
            await stopReading.CancelAsync();
            await reader;
        }

        string[] lastLines;
        lock (gate)
        {
            lastLines = [.. tail];
        }

        if (figure is not { } signalsPerSecond)
        {
            var why = exitCode is null
                ? $"it did not finish within {(TimeSpan.FromSeconds(seconds) + SetupAllowance).TotalMinutes:0} minutes"
                : $"it exited with code {exitCode} without a '{yardstick.Name} peer: N signals/s' line";
            var last = lastLines.TakeLast(3).ToArray();
            return NotRun(last.Length == 0 ? why + "; it wrote nothing" : $"{why}; its last output: {string.Join(" | ", last)}", exitCode, clock.Elapsed.TotalSeconds, lastLines);
        }

        var cpu = atResult is { } end && StartOfMeasurement(readings, gate, end, seconds) is { } start ? CpuMeter.Between(start, end) : null;
        var cores = cpu?.ServerCores is { } own ? own + (cpu.DatabaseCores ?? 0) : (double?)null;
        return new YardstickFigures(
            yardstick.Name,
            yardstick.Description,
            command,
            signalsPerSecond,
            null,
            cpu,
            cores is { } busy && signalsPerSecond > 0 ? Math.Round(busy * 1_000_000 / signalsPerSecond, 1) : null,
            exitCode,
            Math.Round(clock.Elapsed.TotalSeconds, 1),
            lastLines);
    }

    private static async Task ReadEverySecondAsync(CpuMeter meter, List<CpuReading> readings, Lock gate, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            do
            {
                if (meter.Read() is { } reading)
                {
                    lock (gate)
                    {
                        readings.Add(reading);
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>The reading nearest <paramref name="seconds"/> before <paramref name="end"/>: where the yardstick's measured span began.</summary>
    private static CpuReading? StartOfMeasurement(List<CpuReading> readings, Lock gate, CpuReading end, int seconds)
    {
        lock (gate)
        {
            return readings
                .Where(r => r.Wall < end.Wall)
                .MinBy(r => Math.Abs((double)(end.Wall - r.Wall) / Stopwatch.Frequency - seconds));
        }
    }
}
