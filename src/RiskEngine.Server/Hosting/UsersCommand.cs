using Npgsql;
using RiskEngine.Server.Auth;
using RiskEngine.Storage.People;
using RiskEngine.Storage.PostgreSql;
using RiskEngine.Storage.Relational;
using RiskEngine.Storage.Security;
using RiskEngine.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace RiskEngine.Server.Hosting;

/// <summary>
/// <c>users add|disable|enable|list|passwd</c> (parsed by <see cref="ServerCommandLine"/>): people's accounts in the
/// configured store. Passwords are read from standard input, never from the command line, so they stay out of shell
/// history and process lists. Jurisdiction is always said explicitly (<c>--district</c> or <c>--city-wide</c>), so
/// an update never widens it by omission. Every change goes to the security audit as done by
/// <c>command-line:&lt;os user&gt;</c>; one that changes a password, role or jurisdiction, or disables, revokes the
/// person's tokens (servers notice within 30 s).
/// </summary>
public static class UsersCommand
{
    /// <summary>The account as the command line gave it.</summary>
    public sealed record Account(string Name, string Role, IReadOnlyList<string> Districts, bool CityWide, bool PasswordFromStdin, bool Update);

    public static async Task<int> AddAsync(Account account, string[] configurationArgs, TextReader input, TextWriter output, TextWriter errors)
    {
        var (name, role, update) = (account.Name, account.Role, account.Update);
        var districts = account.Districts.Distinct().ToArray();
        var fail = Usage("add", errors);
        if (NameProblem(name) is { } problem)
        {
            return fail(problem);
        }

        if (role is null || !Roles.IsKnown(role))
        {
            return fail($"--role must be one of {string.Join(", ", Roles.All)}");
        }

        if (account.CityWide == (districts.Length > 0))
        {
            return fail(account.CityWide
                ? "give either --city-wide or --district, not both"
                : "say the person's jurisdiction: --district CODE (repeat for several) or --city-wide for the whole city");
        }

        if (await ReadPasswordAsync(account.PasswordFromStdin, input) is not { } password)
        {
            return fail(PasswordProblem(account.PasswordFromStdin));
        }

        if (PasswordHashing.Weakness(password) is { } weakness)
        {
            return fail(weakness);
        }

        var configuration = CommandConfiguration.Build(configurationArgs);
        var catalog = SeedCatalogLoader.Load(SeedCatalogLoader.FindDirectory(configuration));
        var unknown = districts.Where(d => catalog.FindDistrict(d) is null).ToArray();
        if (unknown.Length > 0)
        {
            return fail($"unknown district(s): {string.Join(", ", unknown)}; known: {string.Join(", ", catalog.Districts.Select(d => d.Code))}");
        }

        return await WithStoreAsync("add", configuration, errors, async users =>
        {
            var user = new UserRecord(UserStore.Normalize(name), name, PasswordHashing.Hash(password), role, districts, DateTimeOffset.UtcNow);
            var before = update ? await users.FindAsync(user.UserName) : null;
            var scope = Jurisdiction(user.Districts);
            var detail = before is null ? $"{role}; {scope}" : $"{before.Role} -> {role}; {Jurisdiction(before.Districts)} -> {scope}; password replaced";
            var change = new SecurityEvent(update ? SecurityEventKinds.UserUpdated : SecurityEventKinds.UserAdded, Actor, user.UserName, null, detail);
            var done = before is not null ? await users.UpdateAsync(user, change) : !update && await users.AddAsync(user, change);
            if (!done)
            {
                return fail(update ? $"there is no user '{user.UserName}' to update" : $"user '{user.UserName}' exists; add --update to replace its password, role and jurisdiction");
            }

            output.WriteLine($"{(update ? "Updated" : "Added")} {user.UserName} ({detail}).");
            return 0;
        });
    }

    public static async Task<int> SetDisabledAsync(string name, bool disabled, string[] configurationArgs, TextWriter output, TextWriter errors)
    {
        var verb = disabled ? "disable" : "enable";
        if (NameProblem(name) is { } problem)
        {
            return Usage(verb, errors)(problem);
        }

        return await WithStoreAsync(verb, CommandConfiguration.Build(configurationArgs), errors, async users =>
        {
            var userName = UserStore.Normalize(name);
            var change = new SecurityEvent(disabled ? SecurityEventKinds.UserDisabled : SecurityEventKinds.UserEnabled, Actor, userName);
            if (!await users.SetDisabledAsync(userName, disabled, change))
            {
                return Usage(verb, errors)($"there is no user '{userName}'");
            }

            output.WriteLine(disabled
                ? $"Disabled {userName}: logins are refused, and tokens and hub connections stop working within 30 s."
                : $"Enabled {userName}: they may log in again.");
            return 0;
        });
    }

    public static async Task<int> SetPasswordAsync(string name, bool passwordFromStdin, string[] configurationArgs, TextReader input, TextWriter output, TextWriter errors)
    {
        var fail = Usage("passwd", errors);
        if (NameProblem(name) is { } problem)
        {
            return fail(problem);
        }

        if (await ReadPasswordAsync(passwordFromStdin, input) is not { } password)
        {
            return fail(PasswordProblem(passwordFromStdin));
        }

        if (PasswordHashing.Weakness(password) is { } weakness)
        {
            return fail(weakness);
        }

        return await WithStoreAsync("passwd", CommandConfiguration.Build(configurationArgs), errors, async users =>
        {
            var userName = UserStore.Normalize(name);
            var change = new SecurityEvent(SecurityEventKinds.PasswordChanged, Actor, userName, null, "set on the command line");
            if (!await users.SetPasswordAsync(userName, PasswordHashing.Hash(password), change))
            {
                return fail($"there is no user '{userName}'");
            }

            output.WriteLine($"Set a new password for {userName}; their tokens and hub connections stop working within 30 s.");
            return 0;
        });
    }

    public static Task<int> ListAsync(string[] configurationArgs, TextWriter output, TextWriter errors) =>
        WithStoreAsync("list", CommandConfiguration.Build(configurationArgs), errors, async users =>
        {
            string[] heading = ["name", "role", "jurisdiction", "state", "created"];
            var rows = (await users.ListAsync())
                .Select(u => new[] { u.UserName, u.Role, Jurisdiction(u.Districts), State(u), u.CreatedAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) })
                .ToArray();
            var widths = heading.Select((title, column) => rows.Select(row => row[column].Length).Append(title.Length).Max()).ToArray();
            foreach (var row in rows.Prepend(heading))
            {
                output.WriteLine(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
            }

            output.WriteLine($"{rows.Length} {(rows.Length == 1 ? "person" : "people")}.");
            return 0;
        });

    /// <summary>Who the audit says made a command-line change: the operating-system account that ran it.</summary>
    private static string Actor => "command-line:" + Environment.UserName;

    private static string Jurisdiction(IReadOnlyList<string> districts) => districts.Count == 0 ? "whole city" : string.Join(",", districts);

    private static string State(UserRecord user) => user.Disabled ? "disabled" : user.MustChangePassword ? "must change password" : "active";

    private static string? NameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Length > 100 || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? "--name is required: up to 100 characters, no spaces"
            : null;

    private static async Task<string?> ReadPasswordAsync(bool fromStdin, TextReader input) =>
        fromStdin ? (await input.ReadLineAsync())?.TrimEnd('\r') : null;

    private static string PasswordProblem(bool fromStdin) =>
        fromStdin ? "no password on standard input" : "--password-stdin is required (the password is read from standard input)";

    private static Func<string, int> Usage(string verb, TextWriter errors) => message =>
    {
        errors.WriteLine($"users {verb}: {message}");
        errors.WriteLine($"Run 'RiskEngine.Server users {verb} --help' for usage.");
        return ServerCommandLine.UsageExitCode;
    };

    private static async Task<int> WithStoreAsync(string verb, IConfiguration configuration, TextWriter errors, Func<UserStore, Task<int>> work)
    {
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        try
        {
            storage.Validate();
            if (!storage.IsPostgreSql)
            {
                var path = Path.Combine(storage.FullDataDirectory, "signals.db");
                using (new SqliteDatabase(path, storage.MaxRowsPerCommit, NullLoggerFactory.Instance))
                {
                    // Opening it creates or upgrades the schema.
                }

                await using var sqlite = RelationalDatabase.ForSqlite(path);
                return await work(new UserStore(sqlite, new SecurityEventLog(sqlite, TimeProvider.System), TimeProvider.System));
            }

            await using var dataSource = NpgsqlDataSource.Create(storage.RequireConnectionString());
            await new PostgreSqlMigrator(dataSource).MigrateAsync();
            await using var postgres = RelationalDatabase.ForPostgreSql(dataSource);
            return await work(new UserStore(postgres, new SecurityEventLog(postgres, TimeProvider.System), TimeProvider.System));
        }
        catch (Exception error) when (error is InvalidOperationException or System.Data.Common.DbException or IOException)
        {
            errors.WriteLine($"users {verb} failed: {error.Message}");
            return 1;
        }
    }
}
