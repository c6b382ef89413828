using Microsoft.Data.Sqlite;
using RiskEngine.Domain;

namespace RiskEngine.Storage.Sqlite;

/// <summary>The signal log in the embedded SQLite file, appended through the group-commit writer.</summary>
public sealed class SqliteSignalLog(SqliteDatabase database, TimeProvider clock, ISignalCommitListener listener) : ISignalLog
{
    // Subjects the writer has seen committed, so a signal for a known subject skips the subject insert.
    // Touched only on the writer thread; cleared when full, which costs only redundant inserts.
    private const int KnownSubjectsCapacity = 2_000_000;
    private readonly HashSet<string> _knownSubjects = new(StringComparer.Ordinal);

    private const string InsertSignal =
        "INSERT INTO signal_log (source, source_id, subject_kind, subject_id, kind, occurred_at, ingested_at, data) " +
        "VALUES (@source, @source_id, @subject_kind, @subject_id, @kind, @occurred_at, @ingested_at, @data) " +
        "ON CONFLICT (source, source_id) DO NOTHING RETURNING seq";

    private const string InsertSubject =
        "INSERT INTO subject (id, kind, district, created_at, updated_at) VALUES (@id, @kind, @district, @now, @now) " +
        "ON CONFLICT (id) DO NOTHING";

    // A later passed inspection by event time moves the due date (a failed one never postpones it);
    // a backfilled older one must not.
    private const string UpdateNextDue =
        "UPDATE subject SET next_due = @next_due, next_due_from = @occurred_at, updated_at = @now " +
        "WHERE id = @id AND (next_due_from IS NULL OR next_due_from <= @occurred_at)";

    private const string UpdateMaintenance =
        "UPDATE subject SET last_maintenance = @occurred_at, updated_at = @now " +
        "WHERE id = @id AND (last_maintenance IS NULL OR last_maintenance < @occurred_at)";

    private const string Columns = "seq, source, source_id, subject_kind, subject_id, kind, occurred_at, ingested_at, data";

    /// <inheritdoc />
    public long QueuedRows => database.Writer.QueuedRows;

    public Task<AppendResult> AppendAsync(IReadOnlyList<SignalToAppend> signals, CancellationToken cancellationToken = default)
    {
        if (signals.Count == 0)
        {
            return Task.FromResult(new AppendResult([]));
        }

        var ingestedAt = clock.GetUtcNow();
        var newSubjects = new List<string>();
        var seenSubjects = new List<string>();
        var datesMoved = new List<string>();
        return database.Writer.RunAsync(signals.Count, session =>
        {
            newSubjects.Clear();
            seenSubjects.Clear();
            datesMoved.Clear();
            var outcomes = new LoggedSignal?[signals.Count];
            var now = UnixTime.ToMilliseconds(ingestedAt);
            for (var i = 0; i < signals.Count; i++)
            {
                var signal = signals[i];
                var insert = session.Command(InsertSignal);
                insert.Parameters.AddWithValue("@source", signal.Source);
                insert.Parameters.AddWithValue("@source_id", signal.SourceId);
                insert.Parameters.AddWithValue("@subject_kind", (int)signal.SubjectKind);
                insert.Parameters.AddWithValue("@subject_id", signal.SubjectId);
                insert.Parameters.AddWithValue("@kind", signal.Kind.ToWire());
                insert.Parameters.AddWithValue("@occurred_at", UnixTime.ToMilliseconds(signal.OccurredAt));
                insert.Parameters.AddWithValue("@ingested_at", now);
                insert.Parameters.AddWithValue("@data", signal.Data);
                if (insert.ExecuteScalar() is not long seq)
                {
                    continue;
                }

                outcomes[i] = new LoggedSignal(seq, signal.Source, signal.SourceId, signal.SubjectKind, signal.SubjectId,
                    signal.Kind, signal.OccurredAt, ingestedAt, signal.Data);
                if (!_knownSubjects.Contains(signal.SubjectId))
                {
                    RecordSubject(session, signal, now, newSubjects);
                    seenSubjects.Add(signal.SubjectId);
                }

                if (RecordDates(session, signal, now))
                {
                    datesMoved.Add(signal.SubjectId);
                }
            }

            return outcomes;
        }, afterCommit: outcomes =>
        {
            foreach (var district in newSubjects)
            {
                database.Counter.Add(district);
            }

            if (_knownSubjects.Count + seenSubjects.Count > KnownSubjectsCapacity)
            {
                _knownSubjects.Clear();
            }

            _knownSubjects.UnionWith(seenSubjects);
            if (datesMoved.Count > 0)
            {
                database.Registrations.Forget(datesMoved);
            }

            var appended = outcomes.OfType<LoggedSignal>().ToArray();
            if (appended.Length > 0)
            {
                listener.OnCommitted(appended);
            }
        }, cancellationToken).ContinueWith(
            task => new AppendResult(task.GetAwaiter().GetResult()),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static void RecordSubject(SqliteGroupCommitWriter.WriterSession session, SignalToAppend signal, long now, List<string> newSubjects)
    {
        if (signal.District is { } district)
        {
            var subject = session.Command(InsertSubject);
            subject.Parameters.AddWithValue("@id", signal.SubjectId);
            subject.Parameters.AddWithValue("@kind", (int)signal.SubjectKind);
            subject.Parameters.AddWithValue("@district", district);
            subject.Parameters.AddWithValue("@now", now);
            if (subject.ExecuteNonQuery() == 1)
            {
                newSubjects.Add(district);
            }
        }
    }

    /// <summary>Moves a unit's due date or last maintenance as its signal says; true when the registration changed.</summary>
    private static bool RecordDates(SqliteGroupCommitWriter.WriterSession session, SignalToAppend signal, long now)
    {
        switch (signal.Kind)
        {
            case SignalKind.EquipmentInspection when SignalFactsCodec.FromJson(signal.Kind, signal.Data) is EquipmentInspectionFacts { Failed: false, NextDue: { } nextDue }:
                var due = session.Command(UpdateNextDue);
                due.Parameters.AddWithValue("@id", signal.SubjectId);
                due.Parameters.AddWithValue("@next_due", UnixTime.ToDateText(nextDue));
                due.Parameters.AddWithValue("@occurred_at", UnixTime.ToMilliseconds(signal.OccurredAt));
                due.Parameters.AddWithValue("@now", now);
                return due.ExecuteNonQuery() > 0;
            case SignalKind.Maintenance:
                var maintenance = session.Command(UpdateMaintenance);
                maintenance.Parameters.AddWithValue("@id", signal.SubjectId);
                maintenance.Parameters.AddWithValue("@occurred_at", UnixTime.ToMilliseconds(signal.OccurredAt));
                maintenance.Parameters.AddWithValue("@now", now);
                return maintenance.ExecuteNonQuery() > 0;
            default:
                return false;
        }
    }

    public Task<IReadOnlyList<LoggedSignal>> ReadSubjectAsync(string subjectId, long afterSeq, int limit, CancellationToken cancellationToken = default) =>
        database.LookupAsync<IReadOnlyList<LoggedSignal>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM signal_log WHERE subject_id = @subject AND seq > @after ORDER BY seq LIMIT @limit";
            command.Parameters.AddWithValue("@subject", subjectId);
            command.Parameters.AddWithValue("@after", afterSeq);
            command.Parameters.AddWithValue("@limit", limit);
            return ReadSignals(command);
        }, cancellationToken);

    public Task<IReadOnlyList<LoggedSignal>> ReadAfterAsync(long afterSeq, int limit, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<LoggedSignal>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM signal_log WHERE seq > @after ORDER BY seq LIMIT @limit";
            command.Parameters.AddWithValue("@after", afterSeq);
            command.Parameters.AddWithValue("@limit", limit);
            return ReadSignals(command);
        }, cancellationToken);

    public Task<long> ReadHeadAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT coalesce(max(seq), 0) FROM signal_log";
            return (long)command.ExecuteScalar()!;
        }, cancellationToken);

    private static List<LoggedSignal> ReadSignals(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var signals = new List<LoggedSignal>();
        while (reader.Read())
        {
            var wire = reader.GetString(5);
            if (!SignalKinds.TryParseAnyWire(wire, out var kind))
            {
                throw new FormatException($"Logged signal {reader.GetInt64(0)} has unknown kind '{wire}'.");
            }

            signals.Add(new LoggedSignal(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                (SubjectKind)reader.GetInt32(3),
                reader.GetString(4),
                kind,
                UnixTime.FromMilliseconds(reader.GetInt64(6)),
                UnixTime.FromMilliseconds(reader.GetInt64(7)),
                reader.GetString(8)));
        }

        return signals;
    }
}
