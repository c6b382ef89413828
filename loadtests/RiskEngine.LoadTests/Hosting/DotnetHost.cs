namespace RiskEngine.LoadTests.Hosting;

/// <summary>The <c>dotnet</c> executable that runs framework-dependent assemblies such as the server's dll.</summary>
public static class DotnetHost
{
    private static readonly string FileName = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";

    /// <summary>
    /// The host running this program when it was started as <c>dotnet x.dll</c>; else the one the SDK names
    /// (DOTNET_HOST_PATH), the one under DOTNET_ROOT, or whatever <c>dotnet</c> the PATH finds.
    /// </summary>
    public static string Find()
    {
        if (Environment.ProcessPath is { } current && string.Equals(Path.GetFileName(current), FileName, StringComparison.OrdinalIgnoreCase))
        {
            return current;
        }

        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root && File.Exists(Path.Combine(root, FileName)))
        {
            return Path.Combine(root, FileName);
        }

        return FileName;
    }
}
