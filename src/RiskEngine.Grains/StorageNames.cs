namespace RiskEngine.Grains;

/// <summary>Names of the Orleans storage providers the grains use.</summary>
public static class StorageNames
{
    /// <summary>Grain snapshots, written behind; the signal log is the source of truth.</summary>
    public const string Snapshots = "snapshots";

    /// <summary>
    /// The subjects' snapshots: the same table and rows as <see cref="Snapshots"/>, through <see cref="ResidentGrainStorage"/>,
    /// kept in memory and written in bulk, because millions of subjects change at signal rate.
    /// </summary>
    public const string Subjects = "subjects";

    /// <summary>The state name of entities' snapshots (the row's type name).</summary>
    public const string EntityState = "entity";

    /// <summary>The state name of equipment units' snapshots.</summary>
    public const string EquipmentState = "equipment";
}
