namespace RiskEngine.LoadTests.Workload;

/// <summary>The names malformations carry in the reports' error-by-type tables.</summary>
public static class MalformationNames
{
    public static IReadOnlyList<Malformation> All { get; } = Enum.GetValues<Malformation>();

    public static string Name(this Malformation malformation) => malformation switch
    {
        Malformation.BadSubjectCode => "bad-subject-code",
        Malformation.UnknownKind => "unknown-kind",
        Malformation.MissingSourceId => "missing-source-id",
        Malformation.InvalidData => "invalid-data",
        Malformation.BadOccurredAt => "bad-occurred-at",
        _ => throw new ArgumentOutOfRangeException(nameof(malformation), malformation, null),
    };
}
