namespace RiskEngine.LoadTests.Hosting;

/// <summary>Keeps the servers' logs beside the reports, whether the run succeeded or not: they explain both.</summary>
public static class ServerLogs
{
    /// <summary>Copies one log as it is; several go into one file, each under a header line.</summary>
    public static void Keep(IReadOnlyList<string> scratchLogs, string kept)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(kept))!);
            if (scratchLogs.Count == 1)
            {
                if (File.Exists(scratchLogs[0]))
                {
                    File.Copy(scratchLogs[0], kept, overwrite: true);
                }

                return;
            }

            using var output = new StreamWriter(kept, append: false);
            for (var n = 0; n < scratchLogs.Count; n++)
            {
                output.WriteLine($"==== server {n + 1} of {scratchLogs.Count} ====");
                if (File.Exists(scratchLogs[n]))
                {
                    foreach (var line in File.ReadLines(scratchLogs[n]))
                    {
                        output.WriteLine(line);
                    }
                }
            }
        }
        catch (IOException error)
        {
            Console.Error.WriteLine($"Could not keep the server logs in {kept}: {error.Message}");
        }
    }
}
