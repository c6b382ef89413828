using System.Data.Common;
using RiskEngine.Domain.SpotChecks;
using RiskEngine.Storage.Relational;

namespace RiskEngine.Storage.SpotChecks;

/// <summary>Each district's inspectors (执法检查人员名录). Removing an officer keeps the row (plans name them) but leaves them out of new draws.</summary>
public sealed class InspectorRoster(RelationalDatabase database, TimeProvider clock)
{
    private const string Columns = "id, name, district, organisation, recusals, affiliations";

    /// <summary>Adds the officers not on the roster yet (by id); those already there, or removed, are left as they are.</summary>
    public Task<int> SeedAsync(IReadOnlyList<Inspector> inspectors, CancellationToken cancellationToken = default) =>
        database.RunInTransactionAsync(async (connection, transaction, ct) =>
        {
            var added = 0;
            foreach (var inspector in inspectors)
            {
                await using var insert = Bind(connection.Command(
                    $"INSERT INTO inspector ({Columns}, active, updated_at) VALUES (@id, @name, @district, @organisation, @recusals, @affiliations, 1, @now) " +
                    "ON CONFLICT (id) DO NOTHING", transaction), inspector);
                added += await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            return added;
        }, cancellationToken);

    /// <summary>Adds or replaces an officer (back on the roster if removed).</summary>
    public Task UpsertAsync(Inspector inspector, CancellationToken cancellationToken = default) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var upsert = Bind(connection.Command(
                $"INSERT INTO inspector ({Columns}, active, updated_at) VALUES (@id, @name, @district, @organisation, @recusals, @affiliations, 1, @now) " +
                "ON CONFLICT (id) DO UPDATE SET name = excluded.name, district = excluded.district, organisation = excluded.organisation, " +
                "recusals = excluded.recusals, affiliations = excluded.affiliations, active = 1, updated_at = excluded.updated_at"), inspector);
            return await upsert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Takes an officer off the roster; false when there is no such active officer.</summary>
    public Task<bool> RemoveAsync(string id, CancellationToken cancellationToken = default) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var remove = connection.Command("UPDATE inspector SET active = 0, updated_at = @now WHERE id = @id AND active = 1")
                .With("@id", id).With("@now", clock.GetUtcNow().ToUnixTimeMilliseconds());
            return await remove.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);

    public Task<Inspector?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"SELECT {Columns} FROM inspector WHERE id = @id AND active = 1").With("@id", id);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false) ? Read(reader) : null;
        }, cancellationToken);

    /// <summary>The district's active officers, by id.</summary>
    public Task<IReadOnlyList<Inspector>> ListAsync(string district, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<Inspector>>(async (connection, ct) =>
        {
            await using var command = connection.Command($"SELECT {Columns} FROM inspector WHERE district = @district AND active = 1 ORDER BY id")
                .With("@district", district);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var inspectors = new List<Inspector>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                inspectors.Add(Read(reader));
            }

            return inspectors;
        }, cancellationToken);

    private DbCommand Bind(DbCommand command, Inspector inspector) =>
        command.With("@id", inspector.Id).With("@name", inspector.Name).With("@district", inspector.District)
            .With("@organisation", inspector.Organisation).With("@recusals", string.Join(',', inspector.Recusals))
            .With("@affiliations", string.Join(',', inspector.Affiliations)).With("@now", clock.GetUtcNow().ToUnixTimeMilliseconds());

    private static Inspector Read(DbDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
        reader.GetString(4).Split(',', StringSplitOptions.RemoveEmptyEntries), reader.GetString(5).Split(',', StringSplitOptions.RemoveEmptyEntries));
}
