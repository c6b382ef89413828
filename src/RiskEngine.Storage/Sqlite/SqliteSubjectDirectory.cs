using Microsoft.Data.Sqlite;
using RiskEngine.Domain;

namespace RiskEngine.Storage.Sqlite;

/// <summary>The subject directory in the embedded SQLite file.</summary>
public sealed class SqliteSubjectDirectory(SqliteDatabase database, TimeProvider clock) : ISubjectDirectory
{
    private const string FindDistrict = "SELECT district FROM subject WHERE id = @id";

    private const string InsertEntity =
        "INSERT INTO subject (id, kind, district, registered, name, industry, credit_class, created_at, updated_at) " +
        "VALUES (@id, 0, @district, 1, @name, @industry, @credit_class, @now, @now)";

    // Only when something differs: an unchanged registration is neither written nor told to a grain.
    private const string UpdateEntity =
        "UPDATE subject SET district = @district, registered = 1, name = @name, industry = @industry, " +
        "credit_class = @credit_class, updated_at = @now WHERE id = @id " +
        "AND (district IS NOT @district OR registered IS NOT 1 OR name IS NOT @name OR industry IS NOT @industry " +
        "  OR credit_class IS NOT @credit_class)";

    private const string InsertEquipment =
        "INSERT INTO subject (id, kind, district, registered, name, owner, equipment_class, next_due, last_maintenance, created_at, updated_at) " +
        "VALUES (@id, 1, @district, 1, @name, @owner, @equipment_class, @next_due, @last_maintenance, @now, @now)";

    // A due date or maintenance already learned from signals is newer than a registration's and stays.
    private const string UpdateEquipment =
        "UPDATE subject SET district = @district, registered = 1, name = @name, owner = @owner, equipment_class = @equipment_class, " +
        "next_due = CASE WHEN next_due_from IS NULL THEN coalesce(@next_due, next_due) ELSE next_due END, " +
        "last_maintenance = CASE WHEN @last_maintenance IS NULL THEN last_maintenance " +
        "  ELSE max(coalesce(last_maintenance, 0), @last_maintenance) END, " +
        "updated_at = @now WHERE id = @id " +
        "AND (district IS NOT @district OR registered IS NOT 1 OR name IS NOT @name OR owner IS NOT @owner " +
        "  OR equipment_class IS NOT @equipment_class " +
        "  OR (next_due_from IS NULL AND @next_due IS NOT NULL AND next_due IS NOT @next_due) " +
        "  OR (@last_maintenance IS NOT NULL AND (last_maintenance IS NULL OR last_maintenance < @last_maintenance)))";

    public Task<RegistrationResult> UpsertEntitiesAsync(IReadOnlyList<EntityRegistration> entities, CancellationToken cancellationToken = default) =>
        Upsert(entities, e => e.Uscc, e => e.District, InsertEntity, UpdateEntity, (command, entity) =>
        {
            command.Parameters.AddWithValue("@name", (object?)entity.Name ?? DBNull.Value);
            command.Parameters.AddWithValue("@industry", (object?)entity.Industry ?? DBNull.Value);
            command.Parameters.AddWithValue("@credit_class", entity.CreditClass.ToString());
        }, cancellationToken);

    public Task<RegistrationResult> UpsertEquipmentAsync(IReadOnlyList<EquipmentRegistration> equipment, CancellationToken cancellationToken = default) =>
        Upsert(equipment, u => u.Code, u => u.District ?? KnownDistricts.Unknown, InsertEquipment, UpdateEquipment, (command, unit) =>
        {
            command.Parameters.AddWithValue("@name", (object?)unit.Name ?? DBNull.Value);
            command.Parameters.AddWithValue("@owner", (object?)unit.OwnerUscc ?? DBNull.Value);
            command.Parameters.AddWithValue("@equipment_class", (int)unit.Class);
            command.Parameters.AddWithValue("@next_due", unit.NextInspectionDue is { } due ? UnixTime.ToDateText(due) : DBNull.Value);
            command.Parameters.AddWithValue("@last_maintenance", unit.LastMaintenanceAt is { } at ? UnixTime.ToMilliseconds(at) : DBNull.Value);
        }, cancellationToken);

    private async Task<RegistrationResult> Upsert<T>(
        IReadOnlyList<T> items,
        Func<T, string> idOf,
        Func<T, string> districtOf,
        string insertSql,
        string updateSql,
        Action<SqliteCommand, T> bindDetails,
        CancellationToken cancellationToken)
    {
        var moves = new List<(string? From, string To)>();
        var changed = new List<string>();
        var unchanged = 0;
        var now = UnixTime.ToMilliseconds(clock.GetUtcNow());
        await database.Writer.RunAsync(items.Count, session =>
        {
            moves.Clear();
            changed.Clear();
            unchanged = 0;
            foreach (var item in items)
            {
                var id = idOf(item);
                var district = districtOf(item);
                var find = session.Command(FindDistrict);
                find.Parameters.AddWithValue("@id", id);
                var previous = find.ExecuteScalar() as string;
                var command = session.Command(previous is null ? insertSql : updateSql);
                command.Parameters.AddWithValue("@id", id);
                command.Parameters.AddWithValue("@district", district);
                command.Parameters.AddWithValue("@now", now);
                bindDetails(command, item);
                var written = command.ExecuteNonQuery() > 0;
                if (previous is null)
                {
                    moves.Add((null, district));
                }
                else if (!written)
                {
                    unchanged++;
                }
                else
                {
                    changed.Add(id);
                    if (previous != district)
                    {
                        moves.Add((previous, district));
                    }
                }
            }

            return changed.Count;
        }, cancellationToken).ConfigureAwait(false);

        database.Registrations.Forget(items.Select(idOf));
        foreach (var (from, to) in moves)
        {
            if (from is not null)
            {
                database.Counter.Add(from, -1);
            }

            database.Counter.Add(to);
        }

        return new RegistrationResult(moves.Count(m => m.From is null), changed, unchanged);
    }

    public Task<bool> ExistsAsync(string subjectId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1 FROM subject WHERE id = @id";
            command.Parameters.AddWithValue("@id", subjectId);
            return command.ExecuteScalar() is not null;
        }, cancellationToken);

    public Task<EntityRegistration?> FindEntityAsync(string uscc, CancellationToken cancellationToken = default) =>
        FindCachedAsync(uscc, ReadEntityAsync, cancellationToken);

    public Task<EquipmentRegistration?> FindEquipmentAsync(string code, CancellationToken cancellationToken = default) =>
        FindCachedAsync(code, ReadEquipmentAsync, cancellationToken);

    private async Task<T?> FindCachedAsync<T>(string id, Func<string, CancellationToken, Task<T?>> read, CancellationToken cancellationToken)
        where T : class
    {
        if (database.Registrations.TryGet<T>(id, out var known))
        {
            return known;
        }

        var generation = database.Registrations.Generation;
        var found = await read(id, cancellationToken).ConfigureAwait(false);
        database.Registrations.Keep(id, found, generation);
        return found;
    }

    private Task<EntityRegistration?> ReadEntityAsync(string uscc, CancellationToken cancellationToken) =>
        database.LookupAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT name, district, industry, credit_class FROM subject WHERE id = @id AND kind = 0 AND registered = 1";
            command.Parameters.AddWithValue("@id", uscc);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            var credit = reader.IsDBNull(3) ? CreditClass.B : Enum.Parse<CreditClass>(reader.GetString(3));
            return new EntityRegistration(uscc, NullableString(reader, 0), reader.GetString(1), NullableString(reader, 2), credit);
        }, cancellationToken);

    private Task<EquipmentRegistration?> ReadEquipmentAsync(string code, CancellationToken cancellationToken) =>
        database.LookupAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT name, owner, district, equipment_class, next_due, last_maintenance FROM subject WHERE id = @id AND kind = 1 AND registered = 1";
            command.Parameters.AddWithValue("@id", code);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            var district = reader.GetString(2);
            return new EquipmentRegistration(
                code,
                NullableString(reader, 0),
                NullableString(reader, 1),
                district == KnownDistricts.Unknown ? null : district,
                reader.IsDBNull(3) ? EquipmentCode.Parse(code).Class : (EquipmentClass)reader.GetInt32(3),
                reader.IsDBNull(4) ? null : UnixTime.FromDateText(reader.GetString(4)),
                reader.IsDBNull(5) ? null : UnixTime.FromMilliseconds(reader.GetInt64(5)));
        }, cancellationToken);

    public Task<IReadOnlyDictionary<string, long>> CountByDistrictAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(database.Counter.Snapshot());

    public Task<IReadOnlyList<DueNotice>> FindDueNoticesAsync(string district, DateTimeOffset now, int dueSoonDays, int maintenanceDays, int limit, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<DueNotice>>(connection =>
        {
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var notices = new List<DueNotice>();
            using var command = connection.CreateCommand();
            command.CommandText =
                "SELECT id, next_due, 1 FROM subject WHERE kind = 1 AND district = @district AND next_due < @today " +
                "  AND overdue_noticed IS NOT next_due " +
                "UNION ALL " +
                "SELECT id, next_due, 0 FROM subject WHERE kind = 1 AND district = @district AND next_due >= @today AND next_due <= @soon " +
                "  AND due_soon_noticed IS NOT next_due " +
                "LIMIT @limit";
            command.Parameters.AddWithValue("@district", district);
            command.Parameters.AddWithValue("@today", UnixTime.ToDateText(today));
            command.Parameters.AddWithValue("@soon", UnixTime.ToDateText(today.AddDays(dueSoonDays)));
            command.Parameters.AddWithValue("@limit", limit);
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var kind = reader.GetInt32(2) == 1 ? SignalKind.InspectionOverdue : SignalKind.InspectionDueSoon;
                    notices.Add(new DueNotice(reader.GetString(0), kind, UnixTime.FromDateText(reader.GetString(1))));
                }
            }

            using var maintenance = connection.CreateCommand();
            maintenance.CommandText =
                "SELECT id, last_maintenance FROM subject WHERE kind = 1 AND district = @district AND last_maintenance < @cutoff " +
                "  AND maintenance_noticed IS NOT last_maintenance LIMIT @limit";
            maintenance.Parameters.AddWithValue("@district", district);
            maintenance.Parameters.AddWithValue("@cutoff", UnixTime.ToMilliseconds(now.AddDays(-maintenanceDays)));
            maintenance.Parameters.AddWithValue("@limit", Math.Max(0, limit - notices.Count));
            using (var reader = maintenance.ExecuteReader())
            {
                while (reader.Read())
                {
                    var last = UnixTime.FromMilliseconds(reader.GetInt64(1));
                    notices.Add(new DueNotice(reader.GetString(0), SignalKind.MaintenanceOverdue,
                        DateOnly.FromDateTime(last.UtcDateTime)));
                }
            }

            return notices;
        }, cancellationToken);

    public Task MarkNoticesRaisedAsync(IReadOnlyList<DueNotice> notices, CancellationToken cancellationToken = default) =>
        database.Writer.RunAsync(notices.Count, session =>
        {
            foreach (var notice in notices)
            {
                var sql = notice.Kind switch
                {
                    SignalKind.InspectionOverdue => "UPDATE subject SET overdue_noticed = next_due WHERE id = @id AND next_due = @date",
                    SignalKind.InspectionDueSoon => "UPDATE subject SET due_soon_noticed = next_due WHERE id = @id AND next_due = @date",
                    _ => "UPDATE subject SET maintenance_noticed = last_maintenance WHERE id = @id",
                };
                var command = session.Command(sql);
                command.Parameters.AddWithValue("@id", notice.Code);
                command.Parameters.AddWithValue("@date", UnixTime.ToDateText(notice.DueDate));
                command.ExecuteNonQuery();
            }

            return notices.Count;
        }, cancellationToken);

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
