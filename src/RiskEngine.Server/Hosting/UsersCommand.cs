using Npgsql;
using RiskEngine.Server.Auth;
using RiskEngine.Storage.People;
using RiskEngine.Storage.PostgreSql;
using RiskEngine.Storage.Relational;
using RiskEngine.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace RiskEngine.Server.Hosting;

/// <summary>
/// <c>users add --name N --role R [--district 420112 ...] --password-stdin [--update]</c> (parsed by
/// <see cref="ServerCommandLine"/>): creates (or with --update, replaces) a person's account in the configured store.
/// The password is read from standard input, never from the command line, so it stays out of shell history and
/// process lists.
/// </summary>
public static class UsersCommand
{
    /// <summary>The account as the command line gave it.</summary>
    public sealed record Account(string Name, string Role, IReadOnlyList<string> Districts, bool PasswordFromStdin, bool Update);

    public static async Task<int> RunAsync(Account account, string[] configurationArgs, TextReader input, TextWriter output, TextWriter errors)
    {
        var (name, role, update) = (account.Name, account.Role, account.Update);
        var districts = account.Districts;
        int Fail(string message)
        {
            errors.WriteLine($"users add: {message}");
            errors.WriteLine("Run 'RiskEngine.Server users add --help' for usage.");
            return ServerCommandLine.UsageExitCode;
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > 100 || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return Fail("--name is required: up to 100 characters, no spaces");
        }

        if (role is null || !Roles.IsKnown(role))
        {
            return Fail($"--role must be one of {string.Join(", ", Roles.All)}");
        }

        if (!account.PasswordFromStdin)
        {
            return Fail("--password-stdin is required (the password is read from standard input)");
        }

        var password = (await input.ReadLineAsync())?.TrimEnd('\r') ?? "";
        if (PasswordHashing.Weakness(password) is { } weakness)
        {
            return Fail(weakness);
        }

        var configuration = CommandConfiguration.Build(configurationArgs);
        var catalog = SeedCatalogLoader.Load(SeedCatalogLoader.FindDirectory(configuration));
        var unknown = districts.Where(d => catalog.FindDistrict(d) is null).ToArray();
        if (unknown.Length > 0)
        {
            return Fail($"unknown district(s): {string.Join(", ", unknown)}; known: {string.Join(", ", catalog.Districts.Select(d => d.Code))}");
        }

        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        try
        {
            storage.Validate();
            var user = new UserRecord(UserStore.Normalize(name), name, PasswordHashing.Hash(password), role, districts.Distinct().ToArray(), DateTimeOffset.UtcNow);
            var done = await WithStoreAsync(storage, store => update ? store.UpdateAsync(user) : store.AddAsync(user));
            if (!done)
            {
                return Fail(update ? $"there is no user '{user.UserName}' to update" : $"user '{user.UserName}' exists; add --update to replace its password, role and districts");
            }

            output.WriteLine($"{(update ? "Updated" : "Added")} {user.UserName} ({role}; {(districts.Count == 0 ? "whole city" : string.Join(", ", user.Districts))}).");
            return 0;
        }
        catch (Exception error) when (error is InvalidOperationException or System.Data.Common.DbException or IOException)
        {
            errors.WriteLine($"users add failed: {error.Message}");
            return 1;
        }
    }

    private static async Task<bool> WithStoreAsync(StorageOptions storage, Func<UserStore, Task<bool>> work)
    {
        if (!storage.IsPostgreSql)
        {
            var path = Path.Combine(storage.FullDataDirectory, "signals.db");
            using (new SqliteDatabase(path, storage.MaxRowsPerCommit, NullLoggerFactory.Instance))
            {
                // Opening it creates or upgrades the schema.
            }

            await using var sqlite = RelationalDatabase.ForSqlite(path);
            return await work(new UserStore(sqlite, TimeProvider.System));
        }

        await using var dataSource = NpgsqlDataSource.Create(storage.RequireConnectionString());
        await new PostgreSqlMigrator(dataSource).MigrateAsync();
        await using var postgres = RelationalDatabase.ForPostgreSql(dataSource);
        return await work(new UserStore(postgres, TimeProvider.System));
    }
}
