namespace RiskEngine.Grains;

/// <summary>Names of the Orleans storage providers the grains use.</summary>
public static class StorageNames
{
    /// <summary>Grain snapshots, written behind; the signal log is the source of truth.</summary>
    public const string Snapshots = "snapshots";
}
