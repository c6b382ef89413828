using RiskEngine.Storage.Relational;

namespace RiskEngine.Storage.People;

/// <summary>
/// Secrets the engine makes for itself at first start, kept in the store so every server of a cluster shares them
/// and none is ever committed to the repository or typed into configuration.
/// </summary>
public sealed class SecretStore(RelationalDatabase database, TimeProvider clock)
{
    /// <summary>The secret named <paramref name="name"/>; the first caller's <paramref name="generate"/> wins a race.</summary>
    public Task<string> GetOrCreateAsync(string name, Func<string> generate, CancellationToken cancellationToken = default) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using (var insert = connection.Command(
                "INSERT INTO engine_secret (name, value, created_at) VALUES (@name, @value, @now) ON CONFLICT (name) DO NOTHING")
                .With("@name", name).With("@value", generate()).With("@now", clock.GetUtcNow().ToUnixTimeMilliseconds()))
            {
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await using var select = connection.Command("SELECT value FROM engine_secret WHERE name = @name").With("@name", name);
            return (string)(await select.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }, cancellationToken);
}
