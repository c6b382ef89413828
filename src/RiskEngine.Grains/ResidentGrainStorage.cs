using System.Text;
using Orleans.Configuration;
using Orleans.Storage;
using Microsoft.Extensions.Options;
using RiskEngine.Grains.Subjects;
using RiskEngine.Storage.Snapshots;

namespace RiskEngine.Grains;

/// <summary>
/// Grain storage for the subjects: their snapshots stay in memory (<see cref="ResidentSnapshots"/>) and reach the table
/// Orleans' ADO.NET persistence uses (same rows, payload format and version guards) in bulk, behind. A write here costs a
/// serialisation and a dictionary update, so a subject writes after every change and needs no flush timer of its own.
/// <see cref="SnapshotFold"/> reads and writes the same snapshots without a grain; a grain that activates tells
/// <see cref="SubjectResidency"/>, so the two never overlap.
/// </summary>
public sealed class ResidentGrainStorage(
    ResidentSnapshots snapshots, IGrainStorageSerializer serializer, IOptions<ClusterOptions> cluster, SubjectResidency residency) : IGrainStorage
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

    /// <summary>A snapshot and its version; no state when none was written, no version when there is none.</summary>
    public async Task<(T? State, int? Version)> ReadAsync<T>(string stateName, GrainId grainId)
    {
        var (payload, version) = await snapshots.ReadAsync(KeyOf(stateName, grainId));
        return (payload is not null ? serializer.Deserialize<T>(new BinaryData(payload)) : default, version);
    }

    /// <summary>Writes a snapshot if its version is still <paramref name="expectedVersion"/>; the new version, or null when it was not.</summary>
    public int? TryWrite<T>(string stateName, GrainId grainId, T state, int? expectedVersion) =>
        Store(stateName, grainId, serializer.Serialize(state).ToArray(), expectedVersion, TakeUnwrittenFrom(state));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Store(stateName, grainId, grainState, serializer.Serialize(grainState.State).ToArray(), exists: true);
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Store(stateName, grainId, grainState, payload: null, exists: false);
        return Task.CompletedTask;
    }

    private int? Store(string stateName, GrainId grainId, byte[]? payload, int? expectedVersion, long causeSeq)
    {
        var key = KeyOf(stateName, grainId);
        return snapshots.TryWrite(key, payload, expectedVersion, causeSeq, HashOf(Encoding.UTF8.GetBytes(stateName)), IdHashOf(key.GrainKey));
    }

    private void Store<T>(string stateName, GrainId grainId, IGrainState<T> grainState, byte[]? payload, bool exists)
    {
        var expected = grainState.ETag is { } etag ? int.Parse(etag, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
        var version = Store(stateName, grainId, payload, expected, TakeUnwrittenFrom(grainState.State));
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

    // The oldest log position folded since the last write: until the table has the snapshot, the checkpoint stays below it.
    private static long TakeUnwrittenFrom<T>(T state)
    {
        if (state is not SubjectState subject)
        {
            return 0;
        }

        var from = subject.UnwrittenFrom;
        subject.UnwrittenFrom = 0;
        return from;
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
