using System.Data;
using Npgsql;
using NpgsqlTypes;
using RiskEngine.Domain;

namespace RiskEngine.Storage.PostgreSql;

/// <summary>
/// Writes one group of append requests to signal_log in one transaction, on a connection it keeps for itself:
/// binary COPY of every row into a session-temporary staging table, then a few set-based statements sent as one batch.
/// <list type="number">
/// <item>The insert into signal_log in staging order, skipping known (source, source_id); the new rows come back with
/// their numbers.</item>
/// <item>Subjects first seen in a new signal, registered in the district the signal implies.</item>
/// <item>Equipment due dates and maintenance times moved by new signals, by event time, exactly as the embedded log does
/// (sent only when the group holds such signals).</item>
/// </list>
/// No lock orders the servers' groups: each server's groups commit one after another, so its own numbers commit in
/// order, but another server's may commit below a number already visible (see <see cref="PostgreSqlSignalLog"/> for why
/// every reader takes that).
/// Not thread-safe: the log's single writer loop is its only caller.
/// </summary>
internal sealed class PostgreSqlSignalWriter(NpgsqlDataSource dataSource, LogRun run) : IAsyncDisposable
{
    // Session-temporary and emptied at every commit: no WAL, no bloat, created once per connection. Identifiers
    // collate as in signal_log ("C"), so the sorts and joins on them compare bytes.
    private const string CreateStaging =
        "CREATE TEMP TABLE IF NOT EXISTS signal_staging (" +
        "ord integer NOT NULL, source text COLLATE \"C\" NOT NULL, source_id text COLLATE \"C\" NOT NULL, subject_kind smallint NOT NULL, " +
        "subject_id text COLLATE \"C\" NOT NULL, kind text NOT NULL, occurred_at timestamptz NOT NULL, ingested_at timestamptz NOT NULL, " +
        "data text NOT NULL, district text COLLATE \"C\", next_due date) ON COMMIT DELETE ROWS";

    private const string CopyIntoStaging =
        "COPY pg_temp.signal_staging (ord, source, source_id, subject_kind, subject_id, kind, occurred_at, ingested_at, data, district, next_due) " +
        "FROM STDIN (FORMAT BINARY)";

    // Staging keys are unique (the writer drops repeats within a group first), so each returned row names one staged row.
    private const string InsertSignals =
        "INSERT INTO signal_log (source, source_id, subject_kind, subject_id, kind, occurred_at, ingested_at, data) " +
        "SELECT source, source_id, subject_kind, subject_id, kind, occurred_at, ingested_at, data " +
        "  FROM pg_temp.signal_staging ORDER BY ord " +
        "ON CONFLICT (source, source_id) DO NOTHING " +
        "RETURNING seq, source, source_id";

    // The first new signal of a subject decides its district, as in the embedded log. Nearly every subject is known
    // already: the read-only NOT EXISTS probe skips those for a fraction of what a conflicting insert costs, and
    // ON CONFLICT still covers a registration racing in between. A staged repeat of a logged signal names a subject
    // its original already made known, so it is skipped too; the same holds for the two updates below, which only move
    // a unit's dates forward to what its original already set.
    private const string InsertSubjects =
        "INSERT INTO subject (id, kind, district, created_at, updated_at) " +
        "SELECT DISTINCT ON (subject_id) subject_id, subject_kind, district, ingested_at, ingested_at " +
        "  FROM pg_temp.signal_staging s WHERE district IS NOT NULL " +
        "   AND NOT EXISTS (SELECT 1 FROM subject known WHERE known.id = s.subject_id) " +
        " ORDER BY subject_id, ord " +
        "ON CONFLICT (id) DO NOTHING";

    // Applied one by one, the embedded log lets the latest inspection by event time win (a tie goes to the later one),
    // and never lets a backfilled older one move the date back; this picks that same row per unit, set-based.
    private const string UpdateNextDue =
        "UPDATE subject u SET next_due = d.next_due, next_due_from = d.occurred_at, updated_at = d.ingested_at " +
        "  FROM (SELECT DISTINCT ON (subject_id) subject_id, next_due, occurred_at, ingested_at FROM pg_temp.signal_staging " +
        "         WHERE next_due IS NOT NULL ORDER BY subject_id, occurred_at DESC, ord DESC) d " +
        " WHERE u.id = d.subject_id AND (u.next_due_from IS NULL OR u.next_due_from <= d.occurred_at)";

    private const string UpdateMaintenance =
        "UPDATE subject u SET last_maintenance = d.occurred_at, updated_at = d.ingested_at " +
        "  FROM (SELECT subject_id, max(occurred_at) AS occurred_at, max(ingested_at) AS ingested_at FROM pg_temp.signal_staging " +
        "         WHERE kind = $1 GROUP BY subject_id) d " +
        " WHERE u.id = d.subject_id AND (u.last_maintenance IS NULL OR u.last_maintenance < d.occurred_at)";

    private static readonly string MaintenanceWire = SignalKind.Maintenance.ToWire();

    // Holds this run's checkpoint row until commit, failing when the cluster has fenced the run off (migration 007).
    private const string HoldRun = "SELECT dispatch_checkpoint_hold($1)";

    // A writer frozen mid-group (SIGSTOP, a VM paused) would hold its run's row, and the recovery that fences the run
    // waits for that: PostgreSQL ends such a transaction instead. A healthy group takes milliseconds to a few seconds.
    private const string SessionTimeouts = "SET idle_in_transaction_session_timeout = '5s'; SET statement_timeout = '30s'";

    private NpgsqlConnection? _connection;

    /// <summary>
    /// Commits the group; fills each request's outcomes and returns the new signals in sequence order.
    /// A transient failure before COMMIT (a deadlock with another writer, a dropped connection) is retried; any other
    /// failure leaves nothing written and is thrown, as <see cref="SignalCommitUncertainException"/> if it struck
    /// during COMMIT.
    /// </summary>
    public Task<List<LoggedSignal>> CommitAsync(IReadOnlyList<SignalAppendRequest> group) =>
        // Any failure before COMMIT leaves nothing written (a failure during COMMIT comes out as the uncertain kind,
        // which is no NpgsqlException); a transient one (deadlock, serialization, lost connection) is worth one more try.
        RolledBackTransactionRetry.RunAsync(() => CommitOnceAsync(group), error => error is NpgsqlException { IsTransient: true }, CancellationToken.None);

    private async Task<List<LoggedSignal>> CommitOnceAsync(IReadOnlyList<SignalAppendRequest> group)
    {
        var staged = Stage(group);
        var committing = false;
        try
        {
            var connection = await OpenAsync().ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
            await CopyAsync(connection, staged).ConfigureAwait(false);
            var appended = await ApplyAsync(connection, staged).ConfigureAwait(false);
            committing = true;
            await transaction.CommitAsync().ConfigureAwait(false);
            appended.Sort((a, b) => a.Seq.CompareTo(b.Seq));
            return appended;
        }
        catch (Exception error)
        {
            // Whatever failed, start the next group on a fresh connection: closing this one rolls back what is open.
            await DropConnectionAsync().ConfigureAwait(false);
            if (committing)
            {
                throw new SignalCommitUncertainException(error);
            }

            throw;
        }
    }

    /// <summary>
    /// Numbers the group's signals in request order, leaving out repeats of a (source, source_id) already in the group:
    /// the first occurrence is the one that may be new, every later one is a duplicate.
    /// </summary>
    private static List<(SignalAppendRequest Request, int Index)> Stage(IReadOnlyList<SignalAppendRequest> group)
    {
        var staged = new List<(SignalAppendRequest, int)>();
        var seen = new HashSet<(string, string)>();
        foreach (var request in group)
        {
            Array.Clear(request.Outcomes);
            for (var i = 0; i < request.Signals.Count; i++)
            {
                if (seen.Add((request.Signals[i].Source, request.Signals[i].SourceId)))
                {
                    staged.Add((request, i));
                }
            }
        }

        return staged;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, List<(SignalAppendRequest Request, int Index)> staged)
    {
        await using var importer = await connection.BeginBinaryImportAsync(CopyIntoStaging).ConfigureAwait(false);
        for (var ord = 0; ord < staged.Count; ord++)
        {
            var (request, index) = staged[ord];
            var signal = request.Signals[index];
            await importer.StartRowAsync().ConfigureAwait(false);
            await importer.WriteAsync(ord, NpgsqlDbType.Integer).ConfigureAwait(false);
            await importer.WriteAsync(signal.Source, NpgsqlDbType.Text).ConfigureAwait(false);
            await importer.WriteAsync(signal.SourceId, NpgsqlDbType.Text).ConfigureAwait(false);
            await importer.WriteAsync((short)signal.SubjectKind, NpgsqlDbType.Smallint).ConfigureAwait(false);
            await importer.WriteAsync(signal.SubjectId, NpgsqlDbType.Text).ConfigureAwait(false);
            await importer.WriteAsync(signal.Kind.ToWire(), NpgsqlDbType.Text).ConfigureAwait(false);
            await importer.WriteAsync(PostgreSqlTime.ToStored(signal.OccurredAt).UtcDateTime, NpgsqlDbType.TimestampTz).ConfigureAwait(false);
            await importer.WriteAsync(request.IngestedAt.UtcDateTime, NpgsqlDbType.TimestampTz).ConfigureAwait(false);
            await importer.WriteAsync(signal.Data, NpgsqlDbType.Text).ConfigureAwait(false);
            await WriteNullableAsync(importer, signal.District, NpgsqlDbType.Text).ConfigureAwait(false);
            if (request.NextDue[index] is { } nextDue)
            {
                await importer.WriteAsync(nextDue, NpgsqlDbType.Date).ConfigureAwait(false);
            }
            else
            {
                await importer.WriteNullAsync().ConfigureAwait(false);
            }
        }

        await importer.CompleteAsync().ConfigureAwait(false);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            await importer.WriteNullAsync().ConfigureAwait(false);
        }
        else
        {
            await importer.WriteAsync(value, type).ConfigureAwait(false);
        }
    }

    private async Task<List<LoggedSignal>> ApplyAsync(NpgsqlConnection connection, List<(SignalAppendRequest Request, int Index)> staged)
    {
        // Not prepared on purpose: planned per group, the staging table's actual size steers the joins.
        await using var batch = new NpgsqlBatch(connection);
        if (run.Name is { } name)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(HoldRun) { Parameters = { new NpgsqlParameter<string> { TypedValue = name } } });
        }

        var holdsRun = batch.BatchCommands.Count;
        batch.BatchCommands.Add(new NpgsqlBatchCommand(InsertSignals));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(InsertSubjects));
        if (staged.Any(s => s.Request.NextDue[s.Index] is not null))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(UpdateNextDue));
        }

        if (staged.Any(s => s.Request.Signals[s.Index].Kind == SignalKind.Maintenance))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(UpdateMaintenance) { Parameters = { new NpgsqlParameter<string> { TypedValue = MaintenanceWire } } });
        }

        var byKey = new Dictionary<(string Source, string SourceId), int>(staged.Count);
        for (var ord = 0; ord < staged.Count; ord++)
        {
            var signal = staged[ord].Request.Signals[staged[ord].Index];
            byKey.Add((signal.Source, signal.SourceId), ord);
        }

        var appended = new List<LoggedSignal>();
        await using var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false);
        for (var skipped = 0; skipped < holdsRun; skipped++)
        {
            await reader.NextResultAsync().ConfigureAwait(false);
        }

        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            var (request, index) = staged[byKey[(reader.GetString(1), reader.GetString(2))]];
            var signal = request.Signals[index];
            var logged = new LoggedSignal(reader.GetInt64(0), signal.Source, signal.SourceId, signal.SubjectKind, signal.SubjectId,
                signal.Kind, PostgreSqlTime.ToStored(signal.OccurredAt), request.IngestedAt, signal.Data);
            request.Outcomes[index] = logged;
            appended.Add(logged);
        }

        while (await reader.NextResultAsync().ConfigureAwait(false))
        {
            // Drain the subject statements so their errors surface here, before the commit.
        }

        return appended;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        if (_connection is { State: ConnectionState.Open })
        {
            return _connection;
        }

        await DropConnectionAsync().ConfigureAwait(false);
        var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        try
        {
            await using var create = new NpgsqlCommand(CreateStaging + "; " + SessionTimeouts, connection);
            await create.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _connection = connection;
        return connection;
    }

    private async Task DropConnectionAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => new(DropConnectionAsync());
}
