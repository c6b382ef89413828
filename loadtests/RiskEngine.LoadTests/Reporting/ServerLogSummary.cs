namespace RiskEngine.LoadTests.Reporting;

/// <summary>Counts of the server's warning and error lines (console logger prefixes warn:, fail:, crit:) and where its log was kept.</summary>
/// <param name="Warnings">Lines starting "warn:".</param>
/// <param name="Errors">Lines starting "fail:" or "crit:".</param>
/// <param name="FirstProblems">The first few such lines with the line after each (usually the message).</param>
/// <param name="KeptAt">Where the full log was copied, beside the reports.</param>
public sealed record ServerLogSummary(int Warnings, int Errors, IReadOnlyList<string> FirstProblems, string KeptAt)
{
    private const int MaxProblems = 5;
    private const int MaxProblemLength = 300;

    public static ServerLogSummary Read(string logPath, string keptAt)
    {
        var lines = File.Exists(logPath) ? File.ReadAllLines(logPath) : [];
        var warnings = 0;
        var errors = 0;
        var problems = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var isWarning = line.StartsWith("warn:", StringComparison.Ordinal);
            var isError = line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal);
            warnings += isWarning ? 1 : 0;
            errors += isError ? 1 : 0;
            if ((isWarning || isError) && problems.Count < MaxProblems)
            {
                var problem = i + 1 < lines.Length ? line + " " + lines[i + 1].Trim() : line;
                problems.Add(problem.Length > MaxProblemLength ? problem[..MaxProblemLength] + "..." : problem);
            }
        }

        return new ServerLogSummary(warnings, errors, problems, keptAt);
    }
}
