using System.Data.Common;
using System.Security.Cryptography;
using RiskEngine.Storage.Relational;
using RiskEngine.Storage.Security;

namespace RiskEngine.Storage.People;

/// <summary>
/// People's accounts. Names are matched case-insensitively (stored lower-cased). Every change commits together with
/// its security audit events; a change that gives a new security stamp also records that the person's tokens were revoked.
/// </summary>
public sealed class UserStore(RelationalDatabase database, SecurityEventLog audit, TimeProvider clock)
{
    private const string Columns = "user_name, display_name, password_hash, role, districts, created_at, disabled, must_change_password, security_stamp";

    /// <summary>Adds the user with a fresh security stamp; false when the name is taken.</summary>
    public Task<bool> AddAsync(UserRecord user, SecurityEvent change, CancellationToken cancellationToken = default) =>
        ChangeAsync(change, revokes: false, (connection, transaction, now) => connection.Command(
            "INSERT INTO app_user (user_name, display_name, password_hash, role, districts, created_at, updated_at, security_stamp, disabled, must_change_password) " +
            "VALUES (@name, @display, @hash, @role, @districts, @now, @now, @stamp, @disabled, @must_change) ON CONFLICT (user_name) DO NOTHING", transaction)
            .With("@name", Normalize(user.UserName)).With("@display", user.DisplayName).With("@hash", user.PasswordHash)
            .With("@role", user.Role).With("@districts", string.Join(',', user.Districts)).With("@now", now).With("@stamp", NewStamp())
            .With("@disabled", user.Disabled).With("@must_change", user.MustChangePassword), cancellationToken);

    /// <summary>Replaces the password, role and districts of an existing user (revoking their tokens); false when there is none.</summary>
    public Task<bool> UpdateAsync(UserRecord user, SecurityEvent change, CancellationToken cancellationToken = default) =>
        ChangeAsync(change, revokes: true, (connection, transaction, now) => connection.Command(
            "UPDATE app_user SET password_hash = @hash, role = @role, districts = @districts, must_change_password = @must_change, " +
            "security_stamp = @stamp, updated_at = @now WHERE user_name = @name", transaction)
            .With("@name", Normalize(user.UserName)).With("@hash", user.PasswordHash).With("@role", user.Role)
            .With("@districts", string.Join(',', user.Districts)).With("@must_change", user.MustChangePassword)
            .With("@stamp", NewStamp()).With("@now", now), cancellationToken);

    /// <summary>Sets a new password (revoking the person's tokens) and clears "must change"; false when there is no such user.</summary>
    public Task<bool> SetPasswordAsync(string userName, string passwordHash, SecurityEvent change, CancellationToken cancellationToken = default) =>
        ChangeAsync(change, revokes: true, (connection, transaction, now) => connection.Command(
            "UPDATE app_user SET password_hash = @hash, must_change_password = @must_change, security_stamp = @stamp, updated_at = @now WHERE user_name = @name", transaction)
            .With("@name", Normalize(userName)).With("@hash", passwordHash).With("@must_change", false).With("@stamp", NewStamp()).With("@now", now),
            cancellationToken);

    /// <summary>Disables (revoking the person's tokens) or enables a user; false when there is none.</summary>
    public Task<bool> SetDisabledAsync(string userName, bool disabled, SecurityEvent change, CancellationToken cancellationToken = default) =>
        ChangeAsync(change, revokes: disabled, (connection, transaction, now) =>
        {
            // Enabling keeps the stamp: tokens from before the disabling stay revoked, and none was issued since.
            var stamp = disabled ? ", security_stamp = @stamp" : "";
            var command = connection.Command($"UPDATE app_user SET disabled = @disabled{stamp}, updated_at = @now WHERE user_name = @name", transaction)
                .With("@name", Normalize(userName)).With("@disabled", disabled).With("@now", now);
            return disabled ? command.With("@stamp", NewStamp()) : command;
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

    /// <summary>Runs one change and, when it touched a row, appends its audit events in the same transaction.</summary>
    private Task<bool> ChangeAsync(SecurityEvent change, bool revokes, Func<DbConnection, DbTransaction, long, DbCommand> statement, CancellationToken cancellationToken) =>
        database.RunInTransactionAsync(async (connection, transaction, ct) =>
        {
            await using var command = statement(connection, transaction, clock.GetUtcNow().ToUnixTimeMilliseconds());
            if (await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) != 1)
            {
                return false;
            }

            IReadOnlyList<SecurityEvent> events = revokes
                ? [change, new SecurityEvent(SecurityEventKinds.TokensRevoked, change.Actor, change.Subject, change.Address, "security stamp renewed after " + change.Kind)]
                : [change];
            await audit.AppendAsync(connection, transaction, events, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    private static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static UserRecord Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4).Split(',', StringSplitOptions.RemoveEmptyEntries),
        reader.Time(5),
        reader.GetBoolean(6),
        reader.GetBoolean(7),
        reader.GetString(8));
}
