using System.Diagnostics;
using System.Globalization;
using RiskEngine.LoadTests.Reporting;

namespace RiskEngine.LoadTests.Phases;

/// <summary>
/// Measures CPU use between <see cref="Start"/> and <see cref="Stop"/> (or between two <see cref="Read"/>ings) from
/// Linux's /proc: the machine's busy and I/O-wait time, the server's and this program's own. Elsewhere it reports
/// nothing (null).
/// </summary>
public sealed class CpuMeter
{
    // /proc reports in USER_HZ, which is 100 on every Linux ABI .NET runs on.
    private const double TicksPerSecond = 100;

    private readonly Func<IReadOnlyList<int>> _serverPids;
    private readonly bool _meterServer;
    private readonly bool _meterDatabase;
    private CpuReading? _start;

    /// <param name="serverPids">The server processes, whose CPU time is summed as "server"; none for a baseline.</param>
    /// <param name="meterDatabase">Also sum the local PostgreSQL processes (named postgres) as "database".</param>
    public CpuMeter(IReadOnlyList<int> serverPids, bool meterDatabase = false)
        : this(() => serverPids, serverPids.Count > 0, meterDatabase)
    {
    }

    /// <param name="serverPids">
    /// Asked at each reading which processes are the "server": for something that starts and ends processes of its own
    /// as it goes (a yardstick's script, its server and its driver), e.g. <see cref="Hosting.ProcessTree.Of"/>.
    /// </param>
    /// <param name="meterDatabase">Also sum the local PostgreSQL processes (named postgres) as "database".</param>
    public CpuMeter(Func<IReadOnlyList<int>> serverPids, bool meterDatabase = false)
        : this(serverPids, true, meterDatabase)
    {
    }

    private CpuMeter(Func<IReadOnlyList<int>> serverPids, bool meterServer, bool meterDatabase)
    {
        _serverPids = serverPids;
        _meterServer = meterServer;
        _meterDatabase = meterDatabase;
    }

    public static bool IsSupported => OperatingSystem.IsLinux() && File.Exists("/proc/stat");

    public void Start() => _start = Read();

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
            $"  cores: server {usage.ServerCores ?? 0:0.00} us {usage.LoadGeneratorCores:0.00}{(usage.DatabaseCores is { } db ? $" postgres {db:0.00}" : "")} other {usage.OtherCores:0.00}");

    public CpuUsage? Stop() => _start is { } start && Read() is { } end ? Between(start, end) : null;

    /// <summary>Use between two readings of the same meter; null when no time passed between them.</summary>
    public static CpuUsage? Between(CpuReading start, CpuReading end)
    {
        var seconds = (end.Wall - start.Wall) / (double)Stopwatch.Frequency;
        if (seconds <= 0)
        {
            return null;
        }

        double Cores(long ticks) => Math.Round(ticks / TicksPerSecond / seconds, 3);
        var busy = Cores(end.MachineBusy - start.MachineBusy);
        // Per process: one that started since counts from zero; one that ended since took its ticks with it.
        var server = end.Server is { } s1 && start.Server is { } s0
            ? Cores(s1.Sum(p => Math.Max(0, p.Value - s0.GetValueOrDefault(p.Key))))
            : (double?)null;
        var self = Cores(end.Self - start.Self);
        // Backends that exit during the span take their ticks with them; never report less than nothing.
        var database = end.Database is { } d1 && start.Database is { } d0 ? Math.Max(0, Cores(d1 - d0)) : (double?)null;
        return new CpuUsage(
            Math.Round(seconds, 3),
            busy,
            server,
            self,
            Math.Round(Math.Max(0, busy - (server ?? 0) - self - (database ?? 0)), 3),
            Cores(end.IoWait - start.IoWait),
            end.LoadAverage,
            database);
    }

    /// <summary>The counters now; null where /proc cannot be read.</summary>
    public CpuReading? Read()
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
            return new CpuReading(
                Stopwatch.GetTimestamp(),
                busy,
                values[4],
                ProcessTicks(Environment.ProcessId) ?? 0,
                _meterServer ? ServerTicks() : null,
                _meterDatabase ? DatabaseTicks() : null,
                loadAverage);
        }
        catch (Exception error) when (error is IOException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private Dictionary<int, long> ServerTicks()
    {
        var ticks = new Dictionary<int, long>();
        foreach (var pid in _serverPids())
        {
            if (ProcessTicks(pid) is { } used)
            {
                ticks[pid] = used;
            }
        }

        return ticks;
    }

    /// <summary>utime + stime of a process (fields 14 and 15 of /proc/PID/stat, counted after the command in parentheses).</summary>
    private static long? ProcessTicks(int pid)
    {
        var path = $"/proc/{pid}/stat";
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Not there (ended, or never started): nothing to count.
            return null;
        }

        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    /// <summary>utime + stime of every process named postgres (the postmaster, its workers and the backends).</summary>
    private static long DatabaseTicks()
    {
        long ticks = 0;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(folder);
            if (name.Length == 0 || !char.IsAsciiDigit(name[0]) || !int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(folder, "comm")).TrimEnd() == "postgres")
                {
                    ticks += ProcessTicks(pid) ?? 0;
                }
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
            {
                // The process ended while it was being read.
            }
        }

        return ticks;
    }
}
