using System.Data;
using Npgsql;
using NpgsqlTypes;
using RiskEngine.Domain;

namespace RiskEngine.Storage.PostgreSql;

/// <summary>
/// Writes one group of append requests to signal_log in one transaction, on a connection it keeps for itself:
/// binary COPY of every row into a session-temporary staging table, then a few set-based statements sent as one batch.
/// <list type="number">
/// <item>An advisory lock held until commit: groups commit in the order they draw sequence numbers, on every server, so
/// a reader tailing the log by sequence number never sees a number appear below one it has already read.</item>
/// <item>The insert into signal_log in staging order, skipping known (source, source_id); the new rows' numbers are
/// written back to the staging rows and returned with their position.</item>
/// <item>Subjects first seen in a new signal, registered in the district the signal implies.</item>
/// <item>Equipment due dates and maintenance times moved by new signals, by event time, exactly as the embedded log does.</item>
/// </list>
/// Not thread-safe: the log's single writer loop is its only caller.
/// </summary>
internal sealed class PostgreSqlSignalWriter(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    // Session-temporary and emptied at every commit: no WAL, no bloat, created once per connection. Identifiers
    // collate as in signal_log ("C"), so the sorts and joins on them compare bytes.
    private const string CreateStaging =
        "CREATE TEMP TABLE IF NOT EXISTS signal_staging (" +
        "ord integer NOT NULL, source text COLLATE \"C\" NOT NULL, source_id text COLLATE \"C\" NOT NULL, subject_kind smallint NOT NULL, " +
        "subject_id text COLLATE \"C\" NOT NULL, kind text NOT NULL, occurred_at timestamptz NOT NULL, ingested_at timestamptz NOT NULL, " +
        "data text NOT NULL, district text COLLATE \"C\", next_due date, seq bigint) ON COMMIT DELETE ROWS";

    private const string CopyIntoStaging =
        "COPY pg_temp.signal_staging (ord, source, source_id, subject_kind, subject_id, kind, occurred_at, ingested_at, data, district, next_due) " +
        "FROM STDIN (FORMAT BINARY)";

    private const string LockLogOrder = "SELECT pg_advisory_xact_lock($1, 'signal_log'::regclass::oid::integer)";

    // Staging keys are unique (the writer drops repeats within a group first), so the join back is one to one.
    private const string InsertSignals =
        "WITH inserted AS (" +
        "  INSERT INTO signal_log (source, source_id, subject_kind, subject_id, kind, occurred_at, ingested_at, data) " +
        "  SELECT source, source_id, subject_kind, subject_id, kind, occurred_at, ingested_at, data " +
        "    FROM pg_temp.signal_staging ORDER BY ord " +
        "  ON CONFLICT (source, source_id) DO NOTHING " +
        "  RETURNING seq, source, source_id) " +
        "UPDATE pg_temp.signal_staging s SET seq = i.seq FROM inserted i " +
        " WHERE s.source = i.source AND s.source_id = i.source_id " +
        "RETURNING s.ord, s.seq";

    // The first new signal of a subject decides its district, as in the embedded log. Nearly every subject is known
    // already: the read-only NOT EXISTS probe skips those for a fraction of what a conflicting insert costs, and
    // ON CONFLICT still covers a registration racing in between.
    private const string InsertSubjects =
        "INSERT INTO subject (id, kind, district, created_at, updated_at) " +
        "SELECT DISTINCT ON (subject_id) subject_id, subject_kind, district, ingested_at, ingested_at " +
        "  FROM pg_temp.signal_staging s WHERE seq IS NOT NULL AND district IS NOT NULL " +
        "   AND NOT EXISTS (SELECT 1 FROM subject known WHERE known.id = s.subject_id) " +
        " ORDER BY subject_id, ord " +
        "ON CONFLICT (id) DO NOTHING";

    // Applied one by one, the embedded log lets the latest inspection by event time win (a tie goes to the later one),
    // and never lets a backfilled older one move the date back; this picks that same row per unit, set-based.
    private const string UpdateNextDue =
        "UPDATE subject u SET next_due = d.next_due, next_due_from = d.occurred_at, updated_at = d.ingested_at " +
        "  FROM (SELECT DISTINCT ON (subject_id) subject_id, next_due, occurred_at, ingested_at FROM pg_temp.signal_staging " +
        "         WHERE seq IS NOT NULL AND next_due IS NOT NULL ORDER BY subject_id, occurred_at DESC, ord DESC) d " +
        " WHERE u.id = d.subject_id AND (u.next_due_from IS NULL OR u.next_due_from <= d.occurred_at)";

    private const string UpdateMaintenance =
        "UPDATE subject u SET last_maintenance = d.occurred_at, updated_at = d.ingested_at " +
        "  FROM (SELECT subject_id, max(occurred_at) AS occurred_at, max(ingested_at) AS ingested_at FROM pg_temp.signal_staging " +
        "         WHERE seq IS NOT NULL AND kind = $1 GROUP BY subject_id) d " +
        " WHERE u.id = d.subject_id AND (u.last_maintenance IS NULL OR u.last_maintenance < d.occurred_at)";

    private static readonly string MaintenanceWire = SignalKind.Maintenance.ToWire();

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

    private static async Task<List<LoggedSignal>> ApplyAsync(NpgsqlConnection connection, List<(SignalAppendRequest Request, int Index)> staged)
    {
        // Not prepared on purpose: planned per group, the staging table's actual size steers the joins.
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(LockLogOrder) { Parameters = { new NpgsqlParameter<int> { TypedValue = PostgreSqlAdvisoryLocks.SignalLogCommit } } },
                new NpgsqlBatchCommand(InsertSignals),
                new NpgsqlBatchCommand(InsertSubjects),
                new NpgsqlBatchCommand(UpdateNextDue),
                new NpgsqlBatchCommand(UpdateMaintenance) { Parameters = { new NpgsqlParameter<string> { TypedValue = MaintenanceWire } } },
            },
        };
        var appended = new List<LoggedSignal>();
        await using var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false);
        await reader.NextResultAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            var (request, index) = staged[reader.GetInt32(0)];
            var signal = request.Signals[index];
            var logged = new LoggedSignal(reader.GetInt64(1), signal.Source, signal.SourceId, signal.SubjectKind, signal.SubjectId,
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
            await using var create = new NpgsqlCommand(CreateStaging, connection);
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
