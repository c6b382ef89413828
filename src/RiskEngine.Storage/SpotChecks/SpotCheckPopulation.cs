using RiskEngine.Domain;
using RiskEngine.Storage.Relational;

namespace RiskEngine.Storage.SpotChecks;

/// <summary>The registered entities of a district: a plan's population, read from the subject directory's table.</summary>
public sealed class SpotCheckPopulation(RelationalDatabase database)
{
    public Task<IReadOnlyList<RegisteredEntity>> ListAsync(string district, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<RegisteredEntity>>(async (connection, ct) =>
        {
            // "registered" alone is a predicate on both stores (an integer on SQLite, a boolean on PostgreSQL).
            await using var command = connection.Command(
                "SELECT id, name, credit_class FROM subject WHERE district = @district AND kind = 0 AND registered ORDER BY id")
                .With("@district", district);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var entities = new List<RegisteredEntity>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var credit = reader.NullableString(2) is { } text && Enum.TryParse<CreditClass>(text, out var parsed) ? parsed : CreditClass.B;
                entities.Add(new RegisteredEntity(reader.GetString(0), reader.NullableString(1), credit));
            }

            return entities;
        }, cancellationToken);
}
