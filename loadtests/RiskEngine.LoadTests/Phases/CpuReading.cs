namespace RiskEngine.LoadTests.Phases;

/// <summary>
/// One reading of the CPU counters <see cref="CpuMeter"/> compares: the machine's busy and I/O-wait ticks, this
/// program's, each metered server process's (by pid, so processes that come and go between two readings are counted
/// for the time they were there), and PostgreSQL's when metered.
/// </summary>
/// <param name="Wall">A <see cref="System.Diagnostics.Stopwatch"/> timestamp.</param>
/// <param name="MachineBusy">Busy ticks of all cores (user, nice, system, irq, softirq, steal).</param>
/// <param name="IoWait">Idle ticks with I/O outstanding.</param>
/// <param name="Self">This program's utime + stime.</param>
/// <param name="Server">utime + stime of each metered server process; null when none is metered.</param>
/// <param name="Database">utime + stime of all processes named postgres; null when not metered.</param>
/// <param name="LoadAverage">The 1-minute load average.</param>
public sealed record CpuReading(
    long Wall,
    long MachineBusy,
    long IoWait,
    long Self,
    IReadOnlyDictionary<int, long>? Server,
    long? Database,
    double LoadAverage);
