namespace RiskEngine.Domain.SpotChecks;

/// <summary>
/// One law-enforcement officer on a district's 双随机 roster (执法检查人员名录).
/// </summary>
/// <param name="Id">Stable id (e.g. the officer's badge number).</param>
/// <param name="Organisation">The unit the officer works in (e.g. a market-supervision station).</param>
/// <param name="Recusals">Subjects the officer declared a conflict of interest with (回避): never drawn for them.</param>
/// <param name="Affiliations">USCCs of organisations the officer is tied to (a relative's firm, a former employer): never
/// drawn for any entity of the same organisation, i.e. sharing the USCC's organisation code (positions 9-17), branches included.</param>
public sealed record Inspector(
    string Id,
    string Name,
    string District,
    string Organisation,
    IReadOnlyList<string> Recusals,
    IReadOnlyList<string> Affiliations)
{
    /// <summary>Whether this officer may not inspect <paramref name="subjectId"/>.</summary>
    public bool ConflictsWith(string subjectId) =>
        Recusals.Contains(subjectId, StringComparer.Ordinal)
        || (OrganisationCode(subjectId) is { } code && Affiliations.Any(a => OrganisationCode(a) == code));

    // USCC positions 9-17 are the organisation code (GB 11714), shared by an organisation's branches.
    private static string? OrganisationCode(string uscc) => uscc.Length == 18 ? uscc.Substring(8, 9) : null;
}
