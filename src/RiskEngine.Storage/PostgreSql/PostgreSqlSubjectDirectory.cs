using Npgsql;
using NpgsqlTypes;
using RiskEngine.Domain;
using RiskEngine.Storage.Batching;

namespace RiskEngine.Storage.PostgreSql;

/// <summary>
/// The subject directory on PostgreSQL, the same rules as the embedded one. Registrations are set-based (one statement
/// per batch, however large), and district counts come from subject_district_count, which triggers keep exact for
/// every server's writes; they are cached for <c>countsCacheLifetime</c> (default 1 s) per instance.
/// </summary>
public sealed class PostgreSqlSubjectDirectory : ISubjectDirectory, IAsyncDisposable
{
    private const string UpsertEntities =
        "INSERT INTO subject AS s (id, kind, district, registered, name, industry, credit_class, created_at, updated_at) " +
        "SELECT id, 0, district, true, name, industry, credit_class, $6, $6 " +
        "  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS r(id, district, name, industry, credit_class) " +
        " ORDER BY id " +
        "ON CONFLICT (id) DO UPDATE SET district = excluded.district, registered = true, name = excluded.name, " +
        "  industry = excluded.industry, credit_class = excluded.credit_class, updated_at = excluded.updated_at " +
        "WHERE (s.district, s.registered, s.name, s.industry, s.credit_class) " +
        "  IS DISTINCT FROM (excluded.district, true, excluded.name, excluded.industry, excluded.credit_class) " +
        Outcome;

    // A due date or maintenance already learned from signals is newer than a registration's and stays.
    private const string UpsertEquipment =
        "INSERT INTO subject AS s (id, kind, district, registered, name, owner, equipment_class, next_due, last_maintenance, created_at, updated_at) " +
        "SELECT id, 1, district, true, name, owner, equipment_class, next_due, last_maintenance, $8, $8 " +
        "  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::integer[], $6::date[], $7::timestamptz[]) " +
        "    AS r(id, district, name, owner, equipment_class, next_due, last_maintenance) " +
        " ORDER BY id " +
        "ON CONFLICT (id) DO UPDATE SET district = excluded.district, registered = true, name = excluded.name, owner = excluded.owner, " +
        "  equipment_class = excluded.equipment_class, " +
        "  next_due = CASE WHEN s.next_due_from IS NULL THEN coalesce(excluded.next_due, s.next_due) ELSE s.next_due END, " +
        "  last_maintenance = greatest(s.last_maintenance, excluded.last_maintenance), " +
        "  updated_at = excluded.updated_at " +
        "WHERE (s.district, s.registered, s.name, s.owner, s.equipment_class) " +
        "  IS DISTINCT FROM (excluded.district, true, excluded.name, excluded.owner, excluded.equipment_class) " +
        "  OR (s.next_due_from IS NULL AND excluded.next_due IS NOT NULL AND s.next_due IS DISTINCT FROM excluded.next_due) " +
        "  OR (excluded.last_maintenance IS NOT NULL AND (s.last_maintenance IS NULL OR s.last_maintenance < excluded.last_maintenance)) " +
        Outcome;

    // An unchanged registration (the WHERE of DO UPDATE) is neither written nor returned: no grain hears of it.
    // Sorted by id above, so concurrent registrations lock rows in one order. xmax = 0 marks a row this statement
    // inserted (an updated row carries the updating transaction's id): it tells created from updated exactly, even
    // when another server registers the same id at the same moment, which a read before the upsert could not.
    private const string Outcome = "RETURNING s.id, (s.xmax = 0) AS created";

    private const string MarkOverdue =
        "UPDATE subject s SET overdue_noticed = s.next_due FROM unnest($1::text[], $2::date[]) AS n(id, due) " +
        "WHERE s.id = n.id AND s.next_due = n.due";

    private const string MarkDueSoon =
        "UPDATE subject s SET due_soon_noticed = s.next_due FROM unnest($1::text[], $2::date[]) AS n(id, due) " +
        "WHERE s.id = n.id AND s.next_due = n.due";

    private const string MarkMaintenance = "UPDATE subject SET maintenance_noticed = last_maintenance WHERE id = ANY($1)";

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _clock;
    private readonly DistrictCountCache _counts;
    private readonly BatchQueue<(string Id, SubjectKind Kind), Registration> _registrations;

    public PostgreSqlSubjectDirectory(NpgsqlDataSource dataSource, TimeProvider clock, TimeSpan? countsCacheLifetime = null)
    {
        _dataSource = dataSource;
        _clock = clock;
        _counts = new DistrictCountCache(ReadCountsAsync, clock, countsCacheLifetime ?? TimeSpan.FromSeconds(1));
        _registrations = BatchQueue<(string, SubjectKind), Registration>.Asynchronous(FindRegistrationsAsync, maxBatch: 1000, concurrency: 4);
    }

    public Task<RegistrationResult> UpsertEntitiesAsync(IReadOnlyList<EntityRegistration> entities, CancellationToken cancellationToken = default) =>
        UpsertAsync(entities, e => e.Uscc, UpsertEntities, (command, round) =>
        {
            command.Parameters.Add(TextArray(round.Select(e => e.District)));
            command.Parameters.Add(TextArray(round.Select(e => e.Name)));
            command.Parameters.Add(TextArray(round.Select(e => e.Industry)));
            command.Parameters.Add(TextArray(round.Select(e => e.CreditClass.ToString())));
        }, cancellationToken);

    public Task<RegistrationResult> UpsertEquipmentAsync(IReadOnlyList<EquipmentRegistration> equipment, CancellationToken cancellationToken = default) =>
        UpsertAsync(equipment, u => u.Code, UpsertEquipment, (command, round) =>
        {
            command.Parameters.Add(TextArray(round.Select(u => u.District ?? KnownDistricts.Unknown)));
            command.Parameters.Add(TextArray(round.Select(u => u.Name)));
            command.Parameters.Add(TextArray(round.Select(u => u.OwnerUscc)));
            command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = round.Select(u => (int)u.Class).ToArray() });
            command.Parameters.Add(new NpgsqlParameter<DateOnly?[]> { TypedValue = round.Select(u => u.NextInspectionDue).ToArray() });
            command.Parameters.Add(new NpgsqlParameter<DateTime?[]>
            {
                TypedValue = round.Select(u => u.LastMaintenanceAt is { } at ? PostgreSqlTime.ToStored(at).UtcDateTime : (DateTime?)null).ToArray(),
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
            });
        }, cancellationToken);

    /// <summary>
    /// Upserts a batch in one transaction. A statement may touch a row only once, so an id repeated in the batch goes
    /// into a later round: like the embedded directory, its first registration creates (or updates), the next updates.
    /// </summary>
    private async Task<RegistrationResult> UpsertAsync<T>(
        IReadOnlyList<T> items,
        Func<T, string> idOf,
        string upsertSql,
        Action<NpgsqlCommand, IReadOnlyList<T>> bindDetails,
        CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return new RegistrationResult(0, [], 0);
        }

        var rounds = items
            .Select((item, position) => (Item: item, Position: position))
            .GroupBy(x => idOf(x.Item), StringComparer.Ordinal)
            .SelectMany(g => g.Select((x, occurrence) => (x.Item, x.Position, Occurrence: occurrence)))
            .GroupBy(x => x.Occurrence)
            .OrderBy(g => g.Key)
            .Select(g => g.OrderBy(x => x.Position).Select(x => x.Item).ToArray())
            .ToArray();
        var now = _clock.GetUtcNow().UtcDateTime;

        var result = await RolledBackTransactionRetry.RunAsync(async () =>
        {
            var created = 0;
            var unchanged = 0;
            var changed = new List<string>();
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            foreach (var round in rounds)
            {
                await using var command = new NpgsqlCommand(upsertSql, connection, transaction);
                command.Parameters.Add(TextArray(round.Select(idOf)));
                bindDetails(command, round);
                command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                var createdIds = new HashSet<string>(StringComparer.Ordinal);
                var writtenIds = new HashSet<string>(StringComparer.Ordinal);
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        (reader.GetBoolean(1) ? createdIds : writtenIds).Add(reader.GetString(0));
                    }
                }

                foreach (var item in round)
                {
                    if (createdIds.Contains(idOf(item)))
                    {
                        created++;
                    }
                    else if (writtenIds.Contains(idOf(item)))
                    {
                        changed.Add(idOf(item));
                    }
                    else
                    {
                        unchanged++;
                    }
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new RegistrationResult(created, changed, unchanged);
        }, RolledBackTransactionRetry.IsDeadlockOrSerializationFailure, cancellationToken).ConfigureAwait(false);

        _counts.Invalidate();
        return result;
    }

    public async Task<bool> ExistsAsync(string subjectId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM subject WHERE id = $1)");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = subjectId });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    // Subjects activate by the thousand at city scale, each asking for its registration: one statement answers a batch,
    // each key probing the primary key on its own (LATERAL ... LIMIT 1 is never flattened into a join whose plan would
    // hang on how fresh the table's statistics are).
    private const string FindRegistrations =
        "SELECT k.ord, s.name, s.district, s.industry, s.credit_class, s.owner, s.equipment_class, s.next_due, s.last_maintenance " +
        "  FROM unnest($1::text[], $2::smallint[]) WITH ORDINALITY AS k(id, kind, ord) " +
        "  CROSS JOIN LATERAL (SELECT * FROM subject r WHERE r.id = k.id AND r.kind = k.kind AND r.registered LIMIT 1) s";

    public async Task<EntityRegistration?> FindEntityAsync(string uscc, CancellationToken cancellationToken = default) =>
        (await _registrations.EnqueueAsync((uscc, SubjectKind.Entity), cancellationToken).ConfigureAwait(false)).Entity;

    public async Task<EquipmentRegistration?> FindEquipmentAsync(string code, CancellationToken cancellationToken = default) =>
        (await _registrations.EnqueueAsync((code, SubjectKind.Equipment), cancellationToken).ConfigureAwait(false)).Equipment;

    private async Task<IReadOnlyList<Registration>> FindRegistrationsAsync(IReadOnlyList<(string Id, SubjectKind Kind)> keys, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(FindRegistrations);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = keys.Select(k => k.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = keys.Select(k => (short)k.Kind).ToArray() });
        var found = new Registration[keys.Count];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var index = (int)reader.GetInt64(0) - 1;
            var (id, kind) = keys[index];
            found[index] = kind == SubjectKind.Entity ? new Registration(ReadEntity(reader, id), null) : new Registration(null, ReadEquipment(reader, id));
        }

        return found;
    }

    private static EntityRegistration ReadEntity(NpgsqlDataReader reader, string uscc)
    {
        var credit = reader.IsDBNull(4) ? CreditClass.B : Enum.Parse<CreditClass>(reader.GetString(4));
        return new EntityRegistration(uscc, NullableString(reader, 1), reader.GetString(2), NullableString(reader, 3), credit);
    }

    private static EquipmentRegistration ReadEquipment(NpgsqlDataReader reader, string code)
    {
        var district = reader.GetString(2);
        return new EquipmentRegistration(
            code,
            NullableString(reader, 1),
            NullableString(reader, 5),
            district == KnownDistricts.Unknown ? null : district,
            reader.IsDBNull(6) ? EquipmentCode.Parse(code).Class : (EquipmentClass)reader.GetInt32(6),
            reader.IsDBNull(7) ? null : reader.GetFieldValue<DateOnly>(7),
            reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8));
    }

    public Task<IReadOnlyDictionary<string, long>> CountByDistrictAsync(CancellationToken cancellationToken = default) =>
        _counts.GetAsync(cancellationToken);

    private async Task<IReadOnlyDictionary<string, long>> ReadCountsAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT district, subjects FROM subject_district_count WHERE subjects <> 0");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    public async Task<IReadOnlyList<DueNotice>> FindDueNoticesAsync(string district, DateTimeOffset now, int dueSoonDays, int maintenanceDays, int limit, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var notices = new List<DueNotice>();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var dates = new NpgsqlCommand(
            "(SELECT id, next_due, true FROM subject WHERE kind = 1 AND district = $1 AND next_due < $2 " +
            "   AND overdue_noticed IS DISTINCT FROM next_due) " +
            "UNION ALL " +
            "(SELECT id, next_due, false FROM subject WHERE kind = 1 AND district = $1 AND next_due >= $2 AND next_due <= $3 " +
            "   AND due_soon_noticed IS DISTINCT FROM next_due) " +
            "LIMIT $4", connection))
        {
            dates.Parameters.Add(new NpgsqlParameter<string> { TypedValue = district });
            dates.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = today });
            dates.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = today.AddDays(dueSoonDays) });
            dates.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
            await using var reader = await dates.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var kind = reader.GetBoolean(2) ? SignalKind.InspectionOverdue : SignalKind.InspectionDueSoon;
                notices.Add(new DueNotice(reader.GetString(0), kind, reader.GetFieldValue<DateOnly>(1)));
            }
        }

        await using (var maintenance = new NpgsqlCommand(
            "SELECT id, last_maintenance FROM subject WHERE kind = 1 AND district = $1 AND last_maintenance < $2 " +
            "   AND maintenance_noticed IS DISTINCT FROM last_maintenance LIMIT $3", connection))
        {
            maintenance.Parameters.Add(new NpgsqlParameter<string> { TypedValue = district });
            maintenance.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = now.AddDays(-maintenanceDays).UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            maintenance.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Math.Max(0, limit - notices.Count) });
            await using var reader = await maintenance.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var last = reader.GetFieldValue<DateTimeOffset>(1);
                notices.Add(new DueNotice(reader.GetString(0), SignalKind.MaintenanceOverdue, DateOnly.FromDateTime(last.UtcDateTime)));
            }
        }

        return notices;
    }

    public async Task MarkNoticesRaisedAsync(IReadOnlyList<DueNotice> notices, CancellationToken cancellationToken = default)
    {
        if (notices.Count == 0)
        {
            return;
        }

        // Sorted by id so concurrent sweeps and the log writer take row locks in one order.
        var sorted = notices.OrderBy(n => n.Code, StringComparer.Ordinal).ToArray();
        NpgsqlBatchCommand MarkDates(string sql, SignalKind kind)
        {
            var selected = sorted.Where(n => n.Kind == kind).ToArray();
            return new NpgsqlBatchCommand(sql)
            {
                Parameters =
                {
                    TextArray(selected.Select(n => n.Code)),
                    new NpgsqlParameter<DateOnly[]> { TypedValue = selected.Select(n => n.DueDate).ToArray() },
                },
            };
        }

        await RolledBackTransactionRetry.RunAsync(async () =>
        {
            // One batch, one implicit transaction: all three kinds are marked or none.
            await using var batch = _dataSource.CreateBatch();
            batch.BatchCommands.Add(MarkDates(MarkOverdue, SignalKind.InspectionOverdue));
            batch.BatchCommands.Add(MarkDates(MarkDueSoon, SignalKind.InspectionDueSoon));
            batch.BatchCommands.Add(new NpgsqlBatchCommand(MarkMaintenance)
            {
                Parameters =
                {
                    TextArray(sorted
                        .Where(n => n.Kind is not (SignalKind.InspectionOverdue or SignalKind.InspectionDueSoon))
                        .Select(n => n.Code)),
                },
            });
            return await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, RolledBackTransactionRetry.IsDeadlockOrSerializationFailure, cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlParameter<string?[]> TextArray(IEnumerable<string?> values) =>
        new() { TypedValue = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    public ValueTask DisposeAsync() => _registrations.DisposeAsync();

    /// <summary>What a batched lookup found: the registration of the kind asked for, or nothing.</summary>
    private readonly record struct Registration(EntityRegistration? Entity, EquipmentRegistration? Equipment);

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
