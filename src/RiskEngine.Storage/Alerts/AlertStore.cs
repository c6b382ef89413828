using System.Data.Common;
using RiskEngine.Domain;
using RiskEngine.Domain.Alerts;
using RiskEngine.Storage.Batching;
using RiskEngine.Storage.Relational;

namespace RiskEngine.Storage.Alerts;

/// <summary>
/// Alerts and their audit trail. A change and its audit entry commit in one transaction, guarded by the version the
/// writer read, so two activations of one alert (a split cluster) can never both win. Changes arriving together (a storm
/// raises thousands a second) share a transaction, hence one commit and one fsync; each keeps its own guard and answer.
/// </summary>
public sealed class AlertStore : IAsyncDisposable
{
    private const int MaxChangesPerCommit = 500;

    private readonly RelationalDatabase database;
    private readonly BatchQueue<(AlertCase Next, AlertAuditEntry Audit), bool> _saves;

    public AlertStore(RelationalDatabase database)
    {
        this.database = database;
        _saves = BatchQueue<(AlertCase, AlertAuditEntry), bool>.Asynchronous(SaveBatchAsync, MaxChangesPerCommit, concurrency: 2);
    }

    private const string Columns =
        "id, rule, subject_id, subject_kind, subject_name, district, level, state, score, opened_at, last_seen_at, occurrences, " +
        "acknowledged_by, acknowledged_at, assignee, resolved_by, resolved_at, escalations, last_note, below_since, last_trigger_seq, version";

    private const string Insert =
        $"INSERT INTO alert ({Columns}) VALUES (@id, @rule, @subject_id, @subject_kind, @subject_name, @district, @level, @state, @score, " +
        "@opened_at, @last_seen_at, @occurrences, @acknowledged_by, @acknowledged_at, @assignee, @resolved_by, @resolved_at, @escalations, " +
        "@last_note, @below_since, @last_trigger_seq, @version) ON CONFLICT (id) DO NOTHING";

    private const string Update =
        "UPDATE alert SET subject_name = @subject_name, district = @district, level = @level, state = @state, score = @score, " +
        "opened_at = @opened_at, last_seen_at = @last_seen_at, occurrences = @occurrences, acknowledged_by = @acknowledged_by, " +
        "acknowledged_at = @acknowledged_at, assignee = @assignee, resolved_by = @resolved_by, resolved_at = @resolved_at, " +
        "escalations = @escalations, last_note = @last_note, below_since = @below_since, last_trigger_seq = @last_trigger_seq, version = @version " +
        "WHERE id = @id AND version = @expected";

    private const string InsertAudit =
        "INSERT INTO alert_audit (alert_id, at, actor, action, from_state, to_state, level, note) " +
        "VALUES (@alert_id, @at, @actor, @action, @from_state, @to_state, @level, @note)";

    // Open before acknowledged before resolved; within each, the most severe, then the newest.
    private const string Order =
        " ORDER BY CASE state WHEN 'open' THEN 0 WHEN 'acknowledged' THEN 1 ELSE 2 END, " +
        "CASE level WHEN 'red' THEN 0 WHEN 'orange' THEN 1 WHEN 'yellow' THEN 2 ELSE 3 END, last_seen_at DESC, id";

    public Task<AlertCase?> LoadAsync(string id, CancellationToken cancellationToken = default) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"SELECT {Columns} FROM alert WHERE id = @id").With("@id", id);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false) ? ReadCase(reader) : null;
        }, cancellationToken);

    /// <summary>Stores <paramref name="next"/> (version + 1 of what was read) with its audit entry; false if another writer got there first.</summary>
    public Task<bool> SaveAsync(AlertCase next, AlertAuditEntry audit, CancellationToken cancellationToken = default) =>
        _saves.EnqueueAsync((next, audit), cancellationToken);

    private Task<IReadOnlyList<bool>> SaveBatchAsync(IReadOnlyList<(AlertCase Next, AlertAuditEntry Audit)> changes, CancellationToken cancellationToken) =>
        database.RunInTransactionAsync<IReadOnlyList<bool>>(async (connection, transaction, ct) =>
        {
            var saved = new bool[changes.Count];
            for (var i = 0; i < changes.Count; i++)
            {
                var (next, audit) = changes[i];
                await using (var write = connection.Command(next.Version == 1 ? Insert : Update, transaction))
                {
                    Bind(write, next);

                    // A lost guard changes nothing and is answered false; the others in the batch go on.
                    if (await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false) != 1)
                    {
                        continue;
                    }
                }

                await using var insertAudit = connection.Command(InsertAudit, transaction)
                    .With("@alert_id", next.Id).With("@at", audit.At.ToUnixTimeMilliseconds()).With("@actor", audit.Actor)
                    .With("@action", audit.Action).With("@from_state", audit.FromState?.ToWire()).With("@to_state", audit.ToState.ToWire())
                    .With("@level", audit.Level.ToWire()).With("@note", audit.Note);
                await insertAudit.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                saved[i] = true;
            }

            return saved;
        }, cancellationToken);

    public Task<IReadOnlyList<AlertCase>> ListAsync(AlertQuery query, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<AlertCase>>(async (connection, ct) =>
        {
            await using var command = connection.Command("");
            var where = new List<string>();
            if (query.Districts is { } districts)
            {
                if (districts.Count == 0)
                {
                    return [];
                }

                where.Add("district IN (" + string.Join(", ", districts.Select((d, i) => Named(command, "@d" + i, d))) + ")");
            }

            if (query.States is { Count: > 0 } states)
            {
                where.Add("state IN (" + string.Join(", ", states.Select((s, i) => Named(command, "@s" + i, s.ToWire()))) + ")");
            }

            command.CommandText = $"SELECT {Columns} FROM alert" + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") + Order + " LIMIT @limit";
            command.With("@limit", Math.Clamp(query.Limit, 1, 1000));
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var alerts = new List<AlertCase>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                alerts.Add(ReadCase(reader));
            }

            return alerts;
        }, cancellationToken);

    /// <summary>A page of a district's alerts not yet resolved, in id order after <paramref name="afterId"/> (for the district's alert watch).</summary>
    public Task<IReadOnlyList<AlertCase>> ListUnresolvedAsync(string district, string? afterId, int limit, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<AlertCase>>(async (connection, ct) =>
        {
            await using var command = connection.Command(
                $"SELECT {Columns} FROM alert WHERE district = @district AND state <> 'resolved' AND id > @after ORDER BY id LIMIT @limit")
                .With("@district", district).With("@after", afterId ?? "").With("@limit", limit);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var alerts = new List<AlertCase>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                alerts.Add(ReadCase(reader));
            }

            return alerts;
        }, cancellationToken);

    public Task<IReadOnlyList<AlertAuditEntry>> AuditAsync(string id, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<AlertAuditEntry>>(async (connection, ct) =>
        {
            await using var command = connection.Command(
                "SELECT at, actor, action, from_state, to_state, level, note FROM alert_audit WHERE alert_id = @id ORDER BY id").With("@id", id);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var entries = new List<AlertAuditEntry>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                entries.Add(new AlertAuditEntry(
                    reader.Time(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.NullableString(3) is { } from ? ParseState(from) : null,
                    ParseState(reader.GetString(4)),
                    ParseLevel(reader.GetString(5)),
                    reader.NullableString(6)));
            }

            return entries;
        }, cancellationToken);

    /// <summary>Per district with any, how many alerts are open (waiting for an officer): an index range per district, not a table scan.</summary>
    public Task<IReadOnlyDictionary<string, long>> OpenByDistrictAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyDictionary<string, long>>(async (connection, ct) =>
        {
            await using var command = connection.Command("SELECT district, count(*) FROM alert WHERE state = 'open' GROUP BY district");
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var open = new Dictionary<string, long>(StringComparer.Ordinal);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                open[reader.GetString(0)] = reader.GetInt64(1);
            }

            return open;
        }, cancellationToken);

    /// <summary>Per district: alerts waiting, and mean times to acknowledge and to resolve over the current cycles.</summary>
    public Task<IReadOnlyList<AlertDistrictFigures>> FiguresAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<AlertDistrictFigures>>(async (connection, ct) =>
        {
            await using var command = connection.Command(
                "SELECT district, " +
                "sum(CASE WHEN state = 'open' THEN 1 ELSE 0 END), " +
                "sum(CASE WHEN state = 'acknowledged' THEN 1 ELSE 0 END), " +
                "sum(CASE WHEN state = 'resolved' THEN 1 ELSE 0 END), " +
                "avg(CASE WHEN acknowledged_at IS NOT NULL THEN (acknowledged_at - opened_at) / 1000.0 END), " +
                "avg(CASE WHEN resolved_at IS NOT NULL THEN (resolved_at - opened_at) / 1000.0 END) " +
                "FROM alert GROUP BY district ORDER BY district");
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var figures = new List<AlertDistrictFigures>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                figures.Add(new AlertDistrictFigures(
                    reader.GetString(0), reader.Int64(1), reader.Int64(2), reader.Int64(3),
                    reader.IsDBNull(4) ? null : Convert.ToDouble(reader.GetValue(4), System.Globalization.CultureInfo.InvariantCulture),
                    reader.IsDBNull(5) ? null : Convert.ToDouble(reader.GetValue(5), System.Globalization.CultureInfo.InvariantCulture)));
            }

            return figures;
        }, cancellationToken);

    private static string Named(DbCommand command, string name, object value)
    {
        command.With(name, value);
        return name;
    }

    private static void Bind(DbCommand command, AlertCase alert) =>
        command.With("@id", alert.Id).With("@rule", alert.Rule).With("@subject_id", alert.SubjectId)
            .With("@subject_kind", (long)alert.SubjectKind).With("@subject_name", alert.SubjectName).With("@district", alert.District)
            .With("@level", alert.Level.ToWire()).With("@state", alert.State.ToWire()).With("@score", alert.Score)
            .With("@opened_at", alert.OpenedAt.ToUnixTimeMilliseconds()).With("@last_seen_at", alert.LastSeenAt.ToUnixTimeMilliseconds())
            .With("@occurrences", (long)alert.Occurrences).With("@acknowledged_by", alert.AcknowledgedBy)
            .With("@acknowledged_at", DbCommandParameters.Millis(alert.AcknowledgedAt)).With("@assignee", alert.Assignee)
            .With("@resolved_by", alert.ResolvedBy).With("@resolved_at", DbCommandParameters.Millis(alert.ResolvedAt))
            .With("@escalations", (long)alert.Escalations).With("@last_note", alert.LastNote)
            .With("@below_since", DbCommandParameters.Millis(alert.BelowSince)).With("@last_trigger_seq", alert.LastTriggerSeq)
            .With("@version", alert.Version).With("@expected", alert.Version - 1);

    private static AlertCase ReadCase(DbDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), (SubjectKind)reader.Int64(3), reader.NullableString(4),
        reader.GetString(5), ParseLevel(reader.GetString(6)), ParseState(reader.GetString(7)), Convert.ToDouble(reader.GetValue(8), System.Globalization.CultureInfo.InvariantCulture),
        reader.Time(9), reader.Time(10), (int)reader.Int64(11), reader.NullableString(12), reader.NullableTime(13), reader.NullableString(14),
        reader.NullableString(15), reader.NullableTime(16), (int)reader.Int64(17), reader.NullableString(18), reader.NullableTime(19),
        reader.Int64(20), reader.Int64(21));

    private static AlertState ParseState(string wire) =>
        AlertStates.TryParseWire(wire, out var state) ? state : throw new FormatException($"alert state '{wire}' in the store is unknown");

    private static RiskLevel ParseLevel(string wire) =>
        RiskLevels.TryParseWire(wire, out var level) ? level : throw new FormatException($"risk level '{wire}' in the store is unknown");

    public ValueTask DisposeAsync() => _saves.DisposeAsync();
}
