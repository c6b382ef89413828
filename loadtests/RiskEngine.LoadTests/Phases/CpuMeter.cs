using System.Diagnostics;
using System.Globalization;
using RiskEngine.LoadTests.Reporting;

namespace RiskEngine.LoadTests.Phases;

/// <summary>
/// Measures CPU use between <see cref="Start"/> and <see cref="Stop"/> from Linux's /proc: the machine's busy and
/// I/O-wait time, the server's and this program's own. Elsewhere it reports nothing (null).
/// </summary>
public sealed class CpuMeter
{
    // /proc reports in USER_HZ, which is 100 on every Linux ABI .NET runs on.
    private const double TicksPerSecond = 100;

    private readonly int? _serverPid;
    private Sample? _start;

    public CpuMeter(int? serverPid) => _serverPid = serverPid;

    public static bool IsSupported => OperatingSystem.IsLinux() && File.Exists("/proc/stat");

    public void Start() => _start = Take();

    /// <summary>Use since the previous lap (or <see cref="Start"/>), and starts the next lap: for per-second progress.</summary>
    public CpuUsage? Lap()
    {
        var usage = Stop();
        Start();
        return usage;
    }

    /// <summary>A short account of a lap for progress lines: the server's, this program's and everyone else's cores.</summary>
    public static string Describe(CpuUsage? usage) => usage is null
        ? ""
        : string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"  cores: server {usage.ServerCores ?? 0:0.00} us {usage.LoadGeneratorCores:0.00} other {usage.OtherCores:0.00}");

    public CpuUsage? Stop()
    {
        var end = Take();
        if (_start is not { } start || end is null)
        {
            return null;
        }

        var seconds = (end.Wall - start.Wall) / (double)Stopwatch.Frequency;
        if (seconds <= 0)
        {
            return null;
        }

        double Cores(long ticks) => Math.Round(ticks / TicksPerSecond / seconds, 3);
        var busy = Cores(end.MachineBusy - start.MachineBusy);
        var server = end.Server is { } s1 && start.Server is { } s0 ? Cores(s1 - s0) : (double?)null;
        var self = Cores(end.Self - start.Self);
        return new CpuUsage(
            Math.Round(seconds, 3),
            busy,
            server,
            self,
            Math.Round(Math.Max(0, busy - (server ?? 0) - self), 3),
            Cores(end.IoWait - start.IoWait),
            end.LoadAverage);
    }

    private Sample? Take()
    {
        if (!IsSupported)
        {
            return null;
        }

        try
        {
            // cpu  user nice system idle iowait irq softirq steal ...
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var values = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var busy = values[0] + values[1] + values[2] + values[5] + values[6] + values[7];
            var loadAverage = double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
            return new Sample(
                Stopwatch.GetTimestamp(),
                busy,
                values[4],
                ProcessTicks(Environment.ProcessId) ?? 0,
                _serverPid is { } pid ? ProcessTicks(pid) : null,
                loadAverage);
        }
        catch (Exception error) when (error is IOException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>utime + stime of a process (fields 14 and 15 of /proc/PID/stat, counted after the command in parentheses).</summary>
    private static long? ProcessTicks(int pid)
    {
        var path = $"/proc/{pid}/stat";
        if (!File.Exists(path))
        {
            return null;
        }

        var text = File.ReadAllText(path);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    private sealed record Sample(long Wall, long MachineBusy, long IoWait, long Self, long? Server, double LoadAverage);
}
