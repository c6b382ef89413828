namespace RiskEngine.Server.Import;

/// <summary>How far an import is: lines acknowledged, what became of them, and how much of the file that is.</summary>
public sealed record ImportTally(long ThroughLine, long Created, long Updated, long Rejected, long ThroughByte, long FileBytes, long LinesThisRun)
{
    public long Taken => Created + Updated;
}
