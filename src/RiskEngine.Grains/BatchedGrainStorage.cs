using System.Text;
using Orleans.Configuration;
using Orleans.Storage;
using Microsoft.Extensions.Options;
using RiskEngine.Grains.Subjects;
using RiskEngine.Storage.Snapshots;

namespace RiskEngine.Grains;

/// <summary>
/// Grain storage for string-keyed grains that activate and write behind by the thousand (the subjects). It keeps the
/// table, row identity, payload format and version guards of Orleans' ADO.NET persistence, so the rows are the ones
/// the stock provider reads and writes; but calls go through <see cref="ISnapshotTable"/>, which batches them. The
/// stock provider runs one round trip per call, and on SQLite it blocks the calling thread-pool thread on the state
/// file's lock: at city scale that stalled grain turns for seconds. <see cref="SnapshotFold"/> reads and writes the same
/// rows without a grain; a grain that activates tells <see cref="SubjectResidency"/>, so the two never overlap.
/// </summary>
public sealed class BatchedGrainStorage(
    ISnapshotTable table, IGrainStorageSerializer serializer, IOptions<ClusterOptions> cluster, SubjectResidency residency) : IGrainStorage
{
    private readonly string _serviceId = cluster.Value.ServiceId;

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await residency.ArriveAsync(grainId);
        var (state, version) = await ReadAsync<T>(stateName, grainId);
        grainState.State = state ?? Activator.CreateInstance<T>();
        grainState.RecordExists = state is not null;
        grainState.ETag = version?.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A snapshot and its version; no state when none was written, no version when there is no row.</summary>
    public async Task<(T? State, int? Version)> ReadAsync<T>(string stateName, GrainId grainId)
    {
        var stored = await table.ReadAsync(KeyOf(stateName, grainId));
        return (stored?.Payload is { } payload ? serializer.Deserialize<T>(new BinaryData(payload)) : default, stored?.Version);
    }

    /// <summary>Writes a snapshot if its stored version is still <paramref name="expectedVersion"/>; the new version, or null when it was not.</summary>
    public Task<int?> TryWriteAsync<T>(string stateName, GrainId grainId, T state, int? expectedVersion) =>
        TryStoreAsync(stateName, grainId, serializer.Serialize(state).ToArray(), expectedVersion);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        StoreAsync(stateName, grainId, grainState, serializer.Serialize(grainState.State).ToArray(), exists: true);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        StoreAsync(stateName, grainId, grainState, payload: null, exists: false);

    private Task<int?> TryStoreAsync(string stateName, GrainId grainId, byte[]? payload, int? expectedVersion)
    {
        var key = KeyOf(stateName, grainId);
        return table.WriteAsync(new SnapshotWrite(key, payload, expectedVersion, HashOf(Encoding.UTF8.GetBytes(stateName)), IdHashOf(key.GrainKey)));
    }

    private async Task StoreAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, byte[]? payload, bool exists)
    {
        var expected = grainState.ETag is { } etag ? int.Parse(etag, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
        var version = await TryStoreAsync(stateName, grainId, payload, expected);
        if (version is null)
        {
            throw new InconsistentStateException($"The snapshot of {grainId} ({stateName}) was written by someone else since version {grainState.ETag ?? "none"}.",
                storedEtag: null, currentEtag: grainState.ETag);
        }

        grainState.ETag = version.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = exists;
        if (!exists)
        {
            grainState.State = Activator.CreateInstance<T>();
        }
    }

    private SnapshotKey KeyOf(string stateName, GrainId grainId) => new(_serviceId, stateName, grainId.Key.ToString()!);

    // The hashes the stock provider stores beside the identity (diagnostics only): XxHash32 of the state name, and of
    // the key's bytes reversed.
    private static int IdHashOf(string key)
    {
        var bytes = Encoding.UTF8.GetBytes(key);
        Array.Reverse(bytes);
        return HashOf(bytes);
    }

    private static int HashOf(byte[] bytes) => unchecked((int)StableHash.ComputeHash(bytes));
}
