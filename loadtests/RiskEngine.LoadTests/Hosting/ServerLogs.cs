namespace RiskEngine.LoadTests.Hosting;

/// <summary>Keeps the servers' logs beside the reports, whether the run succeeded or not: they explain both.</summary>
public static class ServerLogs
{
    /// <summary>Copies one log as it is; several go into one file, each under a header line ("server n of N").</summary>
    public static void Keep(IReadOnlyList<string> scratchLogs, string kept) => Keep(ServerLogFile.Numbered(scratchLogs), kept);

    /// <summary>Copies one log as it is; several go into one file, each under its header line.</summary>
    public static void Keep(IReadOnlyList<ServerLogFile> scratchLogs, string kept)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(kept))!);
            if (scratchLogs.Count == 1)
            {
                if (File.Exists(scratchLogs[0].Path))
                {
                    File.Copy(scratchLogs[0].Path, kept, overwrite: true);
                }

                return;
            }

            using var output = new StreamWriter(kept, append: false);
            foreach (var log in scratchLogs)
            {
                output.WriteLine($"==== {log.Header} ====");
                if (File.Exists(log.Path))
                {
                    foreach (var line in File.ReadLines(log.Path))
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
