using System.Runtime.InteropServices;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>The machine a run was measured on, so figures from different boxes are not compared blindly.</summary>
public sealed record MachineInfo(
    int Cores,
    string? Cpu,
    double MemoryGiB,
    string Os,
    string Architecture,
    string Framework)
{
    public static MachineInfo Capture() => new(
        Environment.ProcessorCount,
        CpuModel(),
        Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024), 1),
        RuntimeInformation.OSDescription,
        RuntimeInformation.OSArchitecture.ToString(),
        RuntimeInformation.FrameworkDescription);

    /// <summary>The CPU's model name where the OS tells it (Linux: /proc/cpuinfo); null elsewhere.</summary>
    private static string? CpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (!File.Exists(cpuInfo))
        {
            return null;
        }

        try
        {
            return File.ReadLines(cpuInfo)
                .Where(line => line.StartsWith("model name", StringComparison.Ordinal))
                .Select(line => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
                .FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
