namespace RiskEngine.Storage.Security;

/// <summary>Where the audit's chain first fails to hold, and how.</summary>
public sealed record ChainBreak(long Seq, string Reason)
{
    public override string ToString() => $"at event {Seq}: {Reason}";
}
