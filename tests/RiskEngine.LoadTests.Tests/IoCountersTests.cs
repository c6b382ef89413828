using RiskEngine.LoadTests.Phases;
using RiskEngine.LoadTests.Reporting;

namespace RiskEngine.LoadTests.Tests;

/// <summary>The server's storage traffic per signal comes from two readings of /proc/PID/io over the measured span.</summary>
public sealed class IoCountersTests
{
    private const string Start = """
        rchar: 1000000
        wchar: 2000000
        syscr: 512
        syscw: 256
        read_bytes: 40960
        write_bytes: 81920
        cancelled_write_bytes: 4096

        """;

    private const string End = """
        rchar: 6000000
        wchar: 4500000
        syscr: 900
        syscw: 700
        read_bytes: 1064960
        write_bytes: 2129920
        cancelled_write_bytes: 8192
        """;

    [Fact]
    public void The_four_counters_are_read_from_the_proc_text()
    {
        Assert.Equal(new IoCounters(1_000_000, 2_000_000, 40_960, 81_920), IoCounters.Parse(Start));
    }

    [Fact]
    public void A_text_without_one_of_the_four_counters_is_no_reading()
    {
        Assert.Null(IoCounters.Parse("rchar: 1\nwchar: 2\nread_bytes: 3\n"));
        Assert.Null(IoCounters.Parse(""));
    }

    [Fact]
    public void The_traffic_of_a_span_is_the_growth_of_each_counter()
    {
        var delta = IoCounters.Parse(End)!.Since(IoCounters.Parse(Start)!);
        Assert.Equal(new IoCounters(5_000_000, 2_500_000, 1_024_000, 2_048_000), delta);
    }

    [Fact]
    public void Per_signal_figures_divide_the_growth_by_the_durable_signals()
    {
        var traffic = StorageTrafficFigures.Between(IoCounters.Parse(Start), IoCounters.Parse(End), signals: 1000)!;
        Assert.Equal(1000, traffic.Signals);
        Assert.Equal((5000.0, 2500.0, 1024.0, 2048.0), (traffic.ReadCharsPerSignal, traffic.WrittenCharsPerSignal, traffic.ReadBytesPerSignal, traffic.WrittenBytesPerSignal));
    }

    [Fact]
    public void Without_both_readings_or_without_signals_there_is_no_figure()
    {
        Assert.Null(StorageTrafficFigures.Between(null, IoCounters.Parse(End), 1000));
        Assert.Null(StorageTrafficFigures.Between(IoCounters.Parse(Start), null, 1000));
        Assert.Null(StorageTrafficFigures.Between(IoCounters.Parse(Start), IoCounters.Parse(End), 0));
    }

    [Fact]
    public void This_process_has_readable_counters_on_linux()
    {
        var own = IoCounters.Read(Environment.ProcessId);
        Assert.Equal(OperatingSystem.IsLinux(), own is not null);
    }
}
