namespace RiskEngine.LoadTests.Reporting;

/// <summary>Whether anything acknowledged was lost, checked twice.</summary>
/// <param name="Acknowledged">Signals the server acknowledged as durable in the whole run (warm-up included).</param>
/// <param name="Reposted">A random sample of them, posted again to the live server.</param>
/// <param name="RepostDuplicates">How many of those the server counted as duplicates (all of them, when nothing was lost).</param>
/// <param name="RepostAccepted">How many it accepted as new: acknowledged once, then missing.</param>
/// <param name="FoundInLogAfterKill">Acknowledged signals found in the signal log file after the server was killed (SIGKILL).</param>
/// <param name="MissingInLogAfterKill">Acknowledged signals not in the log file after the kill.</param>
/// <param name="Lost">RepostAccepted + MissingInLogAfterKill: must be 0.</param>
public sealed record LossFigures(
    long Acknowledged,
    long Reposted,
    long RepostDuplicates,
    long RepostAccepted,
    long FoundInLogAfterKill,
    long MissingInLogAfterKill,
    long Lost)
{
    /// <summary>Several runs' checks taken together (each server count of one run): every count added up.</summary>
    public static LossFigures Total(IReadOnlyList<LossFigures> parts) => new(
        parts.Sum(p => p.Acknowledged),
        parts.Sum(p => p.Reposted),
        parts.Sum(p => p.RepostDuplicates),
        parts.Sum(p => p.RepostAccepted),
        parts.Sum(p => p.FoundInLogAfterKill),
        parts.Sum(p => p.MissingInLogAfterKill),
        parts.Sum(p => p.Lost));
}
