using System.Diagnostics;
using Microsoft.Data.Sqlite;
using RiskEngine.LoadTests.Phases;
using RiskEngine.LoadTests.Reporting;
using RiskEngine.LoadTests.Workload;
using RiskEngine.Storage.Schema;

namespace RiskEngine.LoadTests.Baselines;

/// <summary>
/// The naive design on the embedded store: every signal makes its subject's grain call WriteStateAsync, which the
/// ADO.NET persistence provider turns into the engine's own SQLite <c>WriteToStorageKey</c> query (read from the
/// OrleansQuery table of a fresh state file made with the engine's schema), with the provider's parameters and a
/// realistic snapshot. The engine runs that file with synchronous=NORMAL because its snapshots are only a cache of
/// the log; a design whose state writes ARE its durability must fsync each one, so here it runs with
/// synchronous=FULL, one signal at a time on one connection (SQLite has one writer), for the same warm-up and span.
/// </summary>
public static class NaiveSqliteStateWriteBaseline
{
    private const string ServiceId = "riskengine-loadtest";
    private const string GrainTypeString = "riskengine.subject";

    public static NaiveFigures Run(string databasePath, SignalWorkload workload, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, SchemaScripts.Read("Sqlite/orleans.sql"));
        var query = Scalar(connection, "SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'WriteToStorageKey'")
            ?? throw new InvalidOperationException("The engine's SQLite schema has no WriteToStorageKey query.");
        query = query.Replace("PRAGMA synchronous=NORMAL;", "PRAGMA synchronous=FULL;", StringComparison.Ordinal);
        var settings = $"SQLite {Scalar(connection, "SELECT sqlite_version()")}, journal_mode={Scalar(connection, "PRAGMA journal_mode")}, synchronous=FULL per write";

        var payload = new byte[NaiveStateWriteBaseline.PayloadBytes];
        new Random(20261123).NextBytes(payload);
        using var write = connection.CreateCommand();
        write.CommandText = query;
        var grainIdHash = write.Parameters.Add("@GrainIdHash", SqliteType.Integer);
        write.Parameters.Add("@GrainIdN0", SqliteType.Integer).Value = 0L;
        write.Parameters.Add("@GrainIdN1", SqliteType.Integer).Value = 0L;
        write.Parameters.Add("@GrainTypeHash", SqliteType.Integer).Value = 0;
        write.Parameters.Add("@GrainTypeString", SqliteType.Text).Value = GrainTypeString;
        var extension = write.Parameters.Add("@GrainIdExtensionString", SqliteType.Text);
        write.Parameters.Add("@ServiceId", SqliteType.Text).Value = ServiceId;
        var version = write.Parameters.Add("@GrainStateVersion", SqliteType.Integer);
        write.Parameters.Add("@PayloadBinary", SqliteType.Blob).Value = payload;

        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        var window = new MeasurementWindow(warmup, duration);
        var latency = new LatencyRecorder();
        var cpu = new CpuMeter([]);
        var metering = false;
        using (ProgressTicker.Start(() =>
            $"  naive    {window.Elapsed.TotalSeconds,4:0}s  {window.Stage,-9}  durable {window.WarmupCount + window.MeasuredCount,10:N0}"
            + $"  last 1 s {window.RecentRate(),9:N0}/s  measured {window.Rate,9:N0}/s"))
        {
            while (!window.IsOver && !cancellationToken.IsCancellationRequested)
            {
                var signal = workload.At(workload.Reserve(1));
                var started = Stopwatch.GetTimestamp();
                var known = versions.TryGetValue(signal.SubjectId, out var current);
                grainIdHash.Value = signal.SubjectId.GetHashCode(StringComparison.Ordinal);
                extension.Value = signal.SubjectId;
                version.Value = known ? current : DBNull.Value;
                versions[signal.SubjectId] = NewVersion(write)
                    ?? throw new InvalidOperationException($"WriteToStorageKey returned no new version for {signal.SubjectId}: the naive baseline's own writes conflicted.");
                if (!metering && window.Elapsed >= window.WarmupEnd)
                {
                    cpu.Start();
                    metering = true;
                }

                if (window.Complete(1))
                {
                    latency.RecordSince(started);
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var usage = metering ? cpu.Stop() : null;
        return new NaiveFigures(
            window.MeasuredCount,
            1,
            versions.Count,
            NaiveStateWriteBaseline.PayloadBytes,
            Math.Round(window.MeasuredSpan.TotalSeconds, 3),
            Math.Round(window.Rate, 1),
            latency.Summarize(),
            settings,
            usage,
            usage?.MillisecondsPer1000(usage.LoadGeneratorCores, window.MeasuredCount));
    }

    /// <summary>The version the query returned: from the guarded update, or else from the first insert.</summary>
    private static long? NewVersion(SqliteCommand write)
    {
        using var reader = write.ExecuteReader();
        do
        {
            if (reader.FieldCount > 0 && reader.Read())
            {
                return reader.GetInt64(0);
            }
        }
        while (reader.NextResult());

        return null;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
