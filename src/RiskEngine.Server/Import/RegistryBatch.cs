namespace RiskEngine.Server.Import;

/// <summary>
/// Consecutive lines of the input, ready to send: the NDJSON body of the rows that passed the local checks, the
/// line of each of its items, and the lines refused locally. <paramref name="ThroughLine"/> is the last line it
/// covers, so once it and every batch before it are acknowledged, a resumed run starts after that line.
/// </summary>
public sealed record RegistryBatch(
    long Sequence,
    byte[] Body,
    long[] ItemLines,
    string[] ItemIds,
    IReadOnlyList<RejectedLine> RefusedLocally,
    long ThroughLine,
    long ThroughByte);

/// <summary>A line that was not registered: its number in the file, its identifier as written, and why.</summary>
public sealed record RejectedLine(long Line, string Id, string Reason);
