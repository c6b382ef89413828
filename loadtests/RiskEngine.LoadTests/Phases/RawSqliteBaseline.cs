using System.Diagnostics;
using Microsoft.Data.Sqlite;
using RiskEngine.LoadTests.Reporting;
using RiskEngine.LoadTests.Workload;
using RiskEngine.Storage.Schema;

namespace RiskEngine.LoadTests.Phases;

/// <summary>
/// The yardstick: how fast this machine makes signal rows durable in SQLite with nothing else in the way. A fresh
/// file with the engine's own schema and the engine writer's pragmas (WAL, synchronous=FULL), one connection, one
/// prepared INSERT ... ON CONFLICT DO NOTHING, transactions of <c>batch</c> rows of the same shapes as the engine
/// stores (same workload, same canonical data), each committed before the next, for the same warm-up and span.
/// </summary>
public static class RawSqliteBaseline
{
    private const string Insert =
        "INSERT INTO signal_log (source, source_id, subject_kind, subject_id, kind, occurred_at, ingested_at, data) " +
        "VALUES ($source, $source_id, $subject_kind, $subject_id, $kind, $occurred_at, $ingested_at, $data) " +
        "ON CONFLICT (source, source_id) DO NOTHING";

    private const int EntitySubject = 0;

    public static BaselineFigures Run(
        string databasePath, SignalWorkload workload, int batch, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        var pragmas = $"journal_mode={Scalar(connection, "PRAGMA journal_mode")}, synchronous={Scalar(connection, "PRAGMA synchronous")} (2 = FULL)";
        Execute(connection, SchemaScripts.Read("Sqlite/signals.sql"));

        using var insert = connection.CreateCommand();
        insert.CommandText = Insert;
        var source = insert.Parameters.Add("$source", SqliteType.Text);
        var sourceId = insert.Parameters.Add("$source_id", SqliteType.Text);
        var subjectKind = insert.Parameters.Add("$subject_kind", SqliteType.Integer);
        var subjectId = insert.Parameters.Add("$subject_id", SqliteType.Text);
        var kind = insert.Parameters.Add("$kind", SqliteType.Text);
        var occurredAt = insert.Parameters.Add("$occurred_at", SqliteType.Integer);
        var ingestedAt = insert.Parameters.Add("$ingested_at", SqliteType.Integer);
        var data = insert.Parameters.Add("$data", SqliteType.Text);
        subjectKind.Value = EntitySubject;
        insert.Prepare();

        var window = new MeasurementWindow(warmup, duration);
        var latency = new LatencyRecorder();
        var cpu = new CpuMeter([]);
        var metering = false;
        long transactions = 0;
        using (ProgressTicker.Start(() =>
            $"  raw      {window.Elapsed.TotalSeconds,4:0}s  {window.Stage,-9}  durable {window.WarmupCount + window.MeasuredCount,10:N0}"
            + $"  last 1 s {window.RecentRate(),9:N0}/s  measured {window.Rate,9:N0}/s"))
        {
            while (!window.IsOver && !cancellationToken.IsCancellationRequested)
            {
                var first = workload.Reserve(batch);
                var started = Stopwatch.GetTimestamp();
                var inserted = 0;
                using (var transaction = connection.BeginTransaction())
                {
                    insert.Transaction = transaction;
                    ingestedAt.Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                    for (var number = first; number < first + batch; number++)
                    {
                        var signal = workload.At(number);
                        source.Value = signal.Template.Source;
                        sourceId.Value = signal.SourceId;
                        subjectId.Value = signal.SubjectId;
                        kind.Value = signal.Template.KindWire;
                        occurredAt.Value = signal.OccurredAt.ToUnixTimeMilliseconds();
                        data.Value = signal.Template.StoredData;
                        inserted += insert.ExecuteNonQuery();
                    }

                    transaction.Commit();
                }

                if (inserted != batch)
                {
                    throw new InvalidOperationException($"The raw baseline inserted {inserted} of {batch} rows; every source id is new, so all must go in.");
                }

                if (!metering && window.Elapsed >= window.WarmupEnd)
                {
                    cpu.Start();
                    metering = true;
                }

                if (window.Complete(inserted))
                {
                    transactions++;
                    latency.RecordSince(started);
                }
            }
        }

        var usage = metering ? cpu.Stop() : null;
        return new BaselineFigures(
            window.MeasuredCount,
            transactions,
            Math.Round(window.MeasuredSpan.TotalSeconds, 3),
            Math.Round(window.Rate, 1),
            latency.Summarize(),
            pragmas,
            usage,
            usage?.MillisecondsPer1000(usage.LoadGeneratorCores, window.MeasuredCount));
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
