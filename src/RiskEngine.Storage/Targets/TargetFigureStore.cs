using System.Data.Common;
using RiskEngine.Storage.Relational;

namespace RiskEngine.Storage.Targets;

/// <summary>
/// The stored figures behind the wall's 十四五 targets panel: registered entities (spot-check coverage's denominator),
/// units with a due date and those overdue, and how fast alerts were acknowledged. Every read takes the districts it
/// covers (null: the whole city).
/// </summary>
public sealed class TargetFigureStore(RelationalDatabase database)
{
    public Task<long> CountRegisteredEntitiesAsync(IReadOnlyCollection<string>? districts, CancellationToken cancellationToken = default) =>
        ScalarAsync("SELECT count(*) FROM subject WHERE kind = 0 AND registered", districts, cancellationToken);

    /// <summary>
    /// Units with a next inspection date, and of them those overdue now: the due-date sweep marks a unit overdue by
    /// recording the due date it noticed (overdue_noticed = next_due); a new inspection moves next_due on and clears it.
    /// </summary>
    public async Task<(long WithDueDate, long Overdue)> EquipmentDueFiguresAsync(IReadOnlyCollection<string>? districts, CancellationToken cancellationToken = default) =>
        (await ScalarAsync("SELECT count(*) FROM subject WHERE kind = 1 AND next_due IS NOT NULL", districts, cancellationToken),
         await ScalarAsync("SELECT count(*) FROM subject WHERE kind = 1 AND next_due IS NOT NULL AND overdue_noticed = next_due", districts, cancellationToken));

    /// <summary>Alerts opened since <paramref name="since"/>: when each was opened and, if it was, acknowledged.</summary>
    public Task<IReadOnlyList<(DateTimeOffset OpenedAt, DateTimeOffset? AcknowledgedAt)>> AcknowledgementsAsync(
        IReadOnlyCollection<string>? districts, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<(DateTimeOffset, DateTimeOffset?)>>(async (connection, ct) =>
        {
            await using var command = connection.Command("");
            command.CommandText = "SELECT opened_at, acknowledged_at FROM alert WHERE opened_at >= @since" + InDistricts(command, districts);
            command.With("@since", since.ToUnixTimeMilliseconds());
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var found = new List<(DateTimeOffset, DateTimeOffset?)>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                found.Add((reader.Time(0), reader.NullableTime(1)));
            }

            return found;
        }, cancellationToken);

    private Task<long> ScalarAsync(string sql, IReadOnlyCollection<string>? districts, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, ct) =>
        {
            if (districts is { Count: 0 })
            {
                return 0L;
            }

            await using var command = connection.Command("");
            command.CommandText = sql + InDistricts(command, districts);
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false) ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);

    private static string InDistricts(DbCommand command, IReadOnlyCollection<string>? districts)
    {
        if (districts is null)
        {
            return "";
        }

        var names = districts.Select((d, i) =>
        {
            command.With("@d" + i, d);
            return "@d" + i;
        }).ToArray();
        return names.Length == 0 ? " AND 1 = 0" : " AND district IN (" + string.Join(", ", names) + ")";
    }
}
