using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using RiskEngine.LoadTests.Reporting;
using RiskEngine.LoadTests.Workload;

namespace RiskEngine.LoadTests.Phases;

/// <summary>
/// The naive design as a yardstick: every signal makes its subject's grain call WriteStateAsync, which the
/// ADO.NET persistence provider turns into one round trip of the migrated <c>WriteToStorageKey</c> query (read from
/// the OrleansQuery table, so it is exactly the text the servers run) with the provider's parameters and a
/// realistic snapshot. <c>workers</c> connections write concurrently, one signal at a time each, for the same
/// warm-up and span as the engine. Each worker owns its grains (GrainIdN0 is the worker), so ETags never conflict:
/// the first write of a grain inserts (no version), every later one updates with the version the last returned.
/// </summary>
public static class NaiveStateWriteBaseline
{
    /// <summary>Size of the snapshot written per signal: a subject's state with its recent signals, roughly.</summary>
    public const int PayloadBytes = 1024;

    private const string ServiceId = "riskengine-loadtest";
    private const string GrainTypeString = "riskengine.subject";

    public static async Task<NaiveFigures> RunAsync(
        string connectionString, SignalWorkload workload, int workers, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        var settings = await RawCopyBaseline.DescribeServerAsync(connectionString, cancellationToken);
        var query = await ReadWriteQueryAsync(connectionString, cancellationToken);
        var payload = new byte[PayloadBytes];
        new Random(20261123).NextBytes(payload);
        var window = new MeasurementWindow(warmup, duration);
        var latency = new LatencyRecorder();
        var grains = 0;

        async Task WorkerAsync(int index, CancellationToken token)
        {
            var versions = new Dictionary<string, int>(StringComparer.Ordinal);
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(token);
            await using var write = new NpgsqlCommand(query, connection);
            var grainIdHash = write.Parameters.Add("GrainIdHash", NpgsqlDbType.Integer);
            write.Parameters.Add("GrainIdN0", NpgsqlDbType.Bigint).Value = (long)index;
            write.Parameters.Add("GrainIdN1", NpgsqlDbType.Bigint).Value = 0L;
            write.Parameters.Add("GrainTypeHash", NpgsqlDbType.Integer).Value = StableHash(GrainTypeString);
            write.Parameters.Add("GrainTypeString", NpgsqlDbType.Text).Value = GrainTypeString;
            var extension = write.Parameters.Add("GrainIdExtensionString", NpgsqlDbType.Text);
            write.Parameters.Add("ServiceId", NpgsqlDbType.Text).Value = ServiceId;
            var version = write.Parameters.Add("GrainStateVersion", NpgsqlDbType.Integer);
            write.Parameters.Add("PayloadBinary", NpgsqlDbType.Bytea).Value = payload;
            await write.PrepareAsync(token);

            while (!window.IsOver)
            {
                token.ThrowIfCancellationRequested();
                var signal = workload.At(workload.Reserve(1));
                var started = Stopwatch.GetTimestamp();
                var known = versions.TryGetValue(signal.SubjectId, out var current);
                grainIdHash.Value = StableHash(signal.SubjectId);
                extension.Value = signal.SubjectId;
                version.Value = known ? current : DBNull.Value;
                var answer = await write.ExecuteScalarAsync(token);
                if (answer is not int next)
                {
                    throw new InvalidOperationException(
                        $"WriteToStorageKey returned no new version for {signal.SubjectId} (ETag {(known ? current : "none")}): the naive baseline's own writes conflicted.");
                }

                if (!known)
                {
                    Interlocked.Increment(ref grains);
                }

                versions[signal.SubjectId] = next;
                if (window.Complete(1))
                {
                    latency.RecordSince(started);
                }
            }
        }

        var usage = await WorkerPool.RunAsync(
            workers,
            window,
            WorkerAsync,
            () => $"  naive    {window.Elapsed.TotalSeconds,4:0}s  {window.Stage,-9}  durable {window.WarmupCount + window.MeasuredCount,10:N0}"
                + $"  last 1 s {window.RecentRate(),9:N0}/s  measured {window.Rate,9:N0}/s",
            cancellationToken);
        return new NaiveFigures(
            window.MeasuredCount,
            workers,
            Volatile.Read(ref grains),
            PayloadBytes,
            Math.Round(window.MeasuredSpan.TotalSeconds, 3),
            Math.Round(window.Rate, 1),
            latency.Summarize(),
            settings,
            usage,
            usage?.MillisecondsPer1000(usage.LoadGeneratorCores, window.MeasuredCount));
    }

    private static async Task<string> ReadWriteQueryAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'WriteToStorageKey'", connection);
        return await command.ExecuteScalarAsync(cancellationToken) as string
            ?? throw new InvalidOperationException("The migrated schema has no WriteToStorageKey query in OrleansQuery; did db migrate run?");
    }

    /// <summary>A hash that is the same in every process (string.GetHashCode is not); the provider's are stored for diagnostics only.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var character in text)
        {
            hash = (hash ^ character) * 16777619u;
        }

        return unchecked((int)hash);
    }
}
