using Orleans.Storage;

namespace RiskEngine.Grains;

/// <summary>Writing a snapshot that may have to supersede one written by an earlier activation.</summary>
public static class SnapshotWrites
{
    /// <summary>
    /// Writes the state; on a version conflict adopts the stored version and writes again. A conflict means another
    /// activation of this grain wrote (a server that died, or the brief overlap while the cluster notices): what this
    /// activation holds was rebuilt from the stored snapshot plus the log, so it includes everything the other wrote.
    /// </summary>
    public static async Task WriteSupersedingAsync<T>(this IPersistentState<T> state, CancellationToken cancellationToken)
    {
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch (InconsistentStateException)
        {
            var ours = state.State;
            await state.ReadStateAsync(cancellationToken);
            state.State = ours;
            await state.WriteStateAsync(cancellationToken);
        }
    }
}
