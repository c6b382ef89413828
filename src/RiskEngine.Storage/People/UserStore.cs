using System.Data.Common;
using RiskEngine.Storage.Relational;

namespace RiskEngine.Storage.People;

/// <summary>People's accounts. Names are matched case-insensitively (stored lower-cased).</summary>
public sealed class UserStore(RelationalDatabase database, TimeProvider clock)
{
    private const string Columns = "user_name, display_name, password_hash, role, districts, created_at";

    /// <summary>Adds the user; false when the name is taken.</summary>
    public Task<bool> AddAsync(UserRecord user, CancellationToken cancellationToken = default) =>
        database.RunAsync(async (connection, ct) =>
        {
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            await using var command = connection.Command(
                "INSERT INTO app_user (user_name, display_name, password_hash, role, districts, created_at, updated_at) " +
                "VALUES (@name, @display, @hash, @role, @districts, @now, @now) ON CONFLICT (user_name) DO NOTHING")
                .With("@name", Normalize(user.UserName)).With("@display", user.DisplayName).With("@hash", user.PasswordHash)
                .With("@role", user.Role).With("@districts", string.Join(',', user.Districts)).With("@now", now);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);

    /// <summary>Replaces the password, role and districts of an existing user; false when there is none.</summary>
    public Task<bool> UpdateAsync(UserRecord user, CancellationToken cancellationToken = default) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command(
                "UPDATE app_user SET password_hash = @hash, role = @role, districts = @districts, updated_at = @now WHERE user_name = @name")
                .With("@name", Normalize(user.UserName)).With("@hash", user.PasswordHash).With("@role", user.Role)
                .With("@districts", string.Join(',', user.Districts)).With("@now", clock.GetUtcNow().ToUnixTimeMilliseconds());
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);

    public Task<UserRecord?> FindAsync(string userName, CancellationToken cancellationToken = default) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"SELECT {Columns} FROM app_user WHERE user_name = @name").With("@name", Normalize(userName));
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false) ? Read(reader) : null;
        }, cancellationToken);

    public Task<IReadOnlyList<UserRecord>> ListAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<UserRecord>>(async (connection, ct) =>
        {
            await using var command = connection.Command($"SELECT {Columns} FROM app_user ORDER BY user_name");
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var users = new List<UserRecord>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                users.Add(Read(reader));
            }

            return users;
        }, cancellationToken);

    public Task<long> CountAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command("SELECT count(*) FROM app_user");
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);

    public static string Normalize(string userName) => userName.Trim().ToLowerInvariant();

    private static UserRecord Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4).Split(',', StringSplitOptions.RemoveEmptyEntries),
        reader.Time(5));
}
