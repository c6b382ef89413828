namespace RiskEngine.Storage;

/// <summary>
/// The server run this process appends to the log as, once its recovery checkpoint row is claimed. A shared log (cluster
/// mode) makes every append hold that row, so a run the cluster declared gone can append nothing after its tail was
/// taken over (see the PostgreSQL migration 007-append-fence.sql).
/// </summary>
public sealed class LogRun
{
    private string? _name;

    /// <summary>The run's name (its checkpoint row's owner), or null before the row is claimed.</summary>
    public string? Name => Volatile.Read(ref _name);

    public void Claimed(string name) => Volatile.Write(ref _name, name);
}
