using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using RiskEngine.LoadTests.Reporting;
using RiskEngine.LoadTests.Workload;

namespace RiskEngine.LoadTests.Phases;

/// <summary>
/// The PostgreSQL yardstick: how fast this machine makes signal rows durable in the engine's own <c>signal_log</c>
/// table (a fresh, migrated copy) with nothing else in the way. <c>writers</c> connections each run one binary
/// COPY (NpgsqlBinaryImporter) of <c>batch</c> rows of the same shapes as the engine stores, committed before the
/// next, for the same warm-up and span as the engine.
/// </summary>
public static class RawCopyBaseline
{
    private const string Copy =
        "COPY signal_log (source, source_id, subject_kind, subject_id, kind, occurred_at, ingested_at, data) FROM STDIN (FORMAT BINARY)";

    private const short EntitySubject = 0;

    public static async Task<BaselineFigures> RunAsync(
        string connectionString, SignalWorkload workload, int batch, int writers, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        var settings = await DescribeServerAsync(connectionString, cancellationToken);
        var window = new MeasurementWindow(warmup, duration);
        var latency = new LatencyRecorder();
        long transactions = 0;

        async Task WriterAsync(int index, CancellationToken token)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(token);
            while (!window.IsOver)
            {
                token.ThrowIfCancellationRequested();
                var first = workload.Reserve(batch);
                var started = Stopwatch.GetTimestamp();
                var ingestedAt = DateTime.UtcNow;
                ulong written;
                await using (var importer = await connection.BeginBinaryImportAsync(Copy, token))
                {
                    for (var number = first; number < first + batch; number++)
                    {
                        var signal = workload.At(number);
                        await importer.StartRowAsync(token);
                        await importer.WriteAsync(signal.Template.Source, NpgsqlDbType.Text, token);
                        await importer.WriteAsync(signal.SourceId, NpgsqlDbType.Text, token);
                        await importer.WriteAsync(EntitySubject, NpgsqlDbType.Smallint, token);
                        await importer.WriteAsync(signal.SubjectId, NpgsqlDbType.Text, token);
                        await importer.WriteAsync(signal.Template.KindWire, NpgsqlDbType.Text, token);
                        await importer.WriteAsync(signal.OccurredAt.UtcDateTime, NpgsqlDbType.TimestampTz, token);
                        await importer.WriteAsync(ingestedAt, NpgsqlDbType.TimestampTz, token);
                        await importer.WriteAsync(signal.Template.StoredData, NpgsqlDbType.Text, token);
                    }

                    written = await importer.CompleteAsync(token);
                }

                if (written != (ulong)batch)
                {
                    throw new InvalidOperationException($"The raw COPY wrote {written} of {batch} rows; every source id is new, so all must go in.");
                }

                if (window.Complete(batch))
                {
                    Interlocked.Increment(ref transactions);
                    latency.RecordSince(started);
                }
            }
        }

        var usage = await WorkerPool.RunAsync(
            writers,
            window,
            WriterAsync,
            () => $"  COPY     {window.Elapsed.TotalSeconds,4:0}s  {window.Stage,-9}  durable {window.WarmupCount + window.MeasuredCount,10:N0}"
                + $"  last 1 s {window.RecentRate(),9:N0}/s  measured {window.Rate,9:N0}/s",
            cancellationToken);
        return new BaselineFigures(
            window.MeasuredCount,
            Interlocked.Read(ref transactions),
            Math.Round(window.MeasuredSpan.TotalSeconds, 3),
            Math.Round(window.Rate, 1),
            latency.Summarize(),
            $"binary COPY, {writers} connections, one COPY (its own transaction) per batch; {settings}",
            usage,
            usage?.MillisecondsPer1000(usage.LoadGeneratorCores, window.MeasuredCount));
    }

    /// <summary>The server settings that decide what a commit costs, as PostgreSQL reports them.</summary>
    internal static async Task<string> DescribeServerAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT 'PostgreSQL ' || current_setting('server_version') || ', fsync=' || current_setting('fsync')"
            + " || ', synchronous_commit=' || current_setting('synchronous_commit') || ', wal_sync_method=' || current_setting('wal_sync_method')",
            connection);
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
