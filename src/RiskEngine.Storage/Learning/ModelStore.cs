using System.Data.Common;
using System.Text.Json;
using RiskEngine.Domain.Learning;
using RiskEngine.Storage.Relational;

namespace RiskEngine.Storage.Learning;

/// <summary>
/// The model's outcomes and its fitted versions, on the engine's store (SQLite embedded, PostgreSQL shared by every
/// server of a cluster). An outcome is kept once per signal, however often its signal is replayed; the current version
/// is the highest stored, and two servers fitting at once cannot both store the same version number.
/// </summary>
public sealed class ModelStore(RelationalDatabase database)
{
    private const string OutcomeColumns = "id, subject_id, seq, category, occurred_at, effects, positive, model_version";
    private const string VersionColumns = "version, fitted_at, outcomes, origin, outcomes_through, categories";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Keeps the outcomes not kept yet (one per subject and signal).</summary>
    public Task<int> RecordAsync(IReadOnlyList<ModelOutcome> outcomes, CancellationToken cancellationToken = default) =>
        outcomes.Count == 0 ? Task.FromResult(0) : database.RunInTransactionAsync(async (connection, transaction, ct) =>
        {
            var added = 0;
            foreach (var outcome in outcomes)
            {
                await using var insert = connection.Command(
                    "INSERT INTO model_outcome (subject_id, seq, category, occurred_at, effects, positive, model_version) " +
                    "VALUES (@subject_id, @seq, @category, @occurred_at, @effects, @positive, @model_version) ON CONFLICT (subject_id, seq) DO NOTHING", transaction)
                    .With("@subject_id", outcome.SubjectId).With("@seq", outcome.Seq).With("@category", outcome.Category)
                    .With("@occurred_at", outcome.OccurredAt.ToUnixTimeMilliseconds())
                    .With("@effects", JsonSerializer.Serialize(outcome.Components.Effects, Json))
                    .With("@positive", outcome.Positive ? 1 : 0).With("@model_version", outcome.ModelVersion);
                added += await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            return added;
        }, cancellationToken);

    /// <summary>The outcomes recorded after position <paramref name="after"/>.</summary>
    public Task<OutcomeBacklog> BacklogAsync(long after, CancellationToken cancellationToken = default) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM model_outcome WHERE id > @after").With("@after", after);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.ReadAsync(ct).ConfigureAwait(false);
            return new OutcomeBacklog((int)reader.Int64(0), reader.Int64(1));
        }, cancellationToken);

    /// <summary>The newest <paramref name="limit"/> outcomes by recording order (of one category, when given), and the newest position among them.</summary>
    public Task<(IReadOnlyList<ModelOutcome> Outcomes, long Through)> RecentAsync(int limit, string? category = null, CancellationToken cancellationToken = default) =>
        database.RunAsync<(IReadOnlyList<ModelOutcome>, long)>(async (connection, ct) =>
        {
            await using var command = connection.Command(
                $"SELECT {OutcomeColumns} FROM model_outcome {(category is null ? "" : "WHERE category = @category ")}ORDER BY id DESC LIMIT @limit")
                .With("@limit", Math.Max(1, limit));
            if (category is not null)
            {
                command.With("@category", category);
            }

            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var outcomes = new List<ModelOutcome>();
            var through = 0L;
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                through = Math.Max(through, reader.Int64(0));
                outcomes.Add(new ModelOutcome(
                    reader.GetString(1), reader.Int64(2), reader.Time(4),
                    new SubjectComponents(reader.GetString(3), JsonSerializer.Deserialize<double[]>(reader.GetString(5), Json) ?? []),
                    reader.Int64(6) == 1)
                { ModelVersion = (int)reader.Int64(7) });
            }

            return (outcomes, through);
        }, cancellationToken);

    /// <summary>Deletes all but the newest <paramref name="keep"/> outcomes; returns how many went.</summary>
    public Task<int> TrimAsync(int keep, CancellationToken cancellationToken = default) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var trim = connection.Command(
                "DELETE FROM model_outcome WHERE id <= (SELECT id FROM model_outcome ORDER BY id DESC LIMIT 1 OFFSET @keep)").With("@keep", Math.Max(0, keep));
            return await trim.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Stores a new version; false when that version number is taken (another server stored one first).</summary>
    public Task<bool> SaveAsync(StoredModelVersion stored, CancellationToken cancellationToken = default) =>
        database.RunAsync(async (connection, ct) =>
        {
            var model = stored.Model;
            await using var insert = connection.Command(
                $"INSERT INTO model_version ({VersionColumns}) VALUES (@version, @fitted_at, @outcomes, @origin, @through, @categories) ON CONFLICT (version) DO NOTHING")
                .With("@version", model.Version).With("@fitted_at", model.FittedAt.ToUnixTimeMilliseconds()).With("@outcomes", model.Outcomes)
                .With("@origin", model.Origin).With("@through", stored.OutcomesThrough)
                .With("@categories", JsonSerializer.Serialize(model.Categories, Json));
            return await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);

    /// <summary>The current (highest) version, or null before the first fit.</summary>
    public async Task<StoredModelVersion?> CurrentAsync(CancellationToken cancellationToken = default) =>
        (await ListAsync(1, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    public Task<StoredModelVersion?> FindAsync(int version, CancellationToken cancellationToken = default) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"SELECT {VersionColumns} FROM model_version WHERE version = @version").With("@version", version);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false) ? Read(reader) : null;
        }, cancellationToken);

    /// <summary>The newest <paramref name="limit"/> versions, newest first.</summary>
    public Task<IReadOnlyList<StoredModelVersion>> ListAsync(int limit, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<StoredModelVersion>>(async (connection, ct) =>
        {
            await using var command = connection.Command($"SELECT {VersionColumns} FROM model_version ORDER BY version DESC LIMIT @limit").With("@limit", Math.Max(1, limit));
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var versions = new List<StoredModelVersion>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                versions.Add(Read(reader));
            }

            return versions;
        }, cancellationToken);

    private static StoredModelVersion Read(DbDataReader reader) => new(
        new FittedModel(
            (int)reader.Int64(0), reader.Time(1), (int)reader.Int64(2),
            JsonSerializer.Deserialize<CategoryFit[]>(reader.GetString(5), Json) ?? [],
            reader.GetString(3)),
        reader.Int64(4));
}
