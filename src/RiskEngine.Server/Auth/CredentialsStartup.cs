using System.Security.Cryptography;
using RiskEngine.Storage.People;
using RiskEngine.Storage.Security;

namespace RiskEngine.Server.Auth;

/// <summary>
/// At start, before the first request: loads (or generates and prints) the machines' API key, loads the token signing
/// key and, on a store with no users yet, creates the first admin with a generated password printed once, which
/// must be replaced at the first login. Of servers
/// starting together on one store, only the one whose insert wins prints.
/// </summary>
public sealed partial class CredentialsStartup(ApiKeyStore machines, TokenKeys keys, UserStore users, ILogger<CredentialsStartup> logger) : IHostedService
{
    public const string FirstAdminName = "admin";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Constructing the key store is what generates and prints a key when none is configured.
        _ = machines;
        await keys.LoadAsync(cancellationToken);
        if (await users.CountAsync(cancellationToken) > 0)
        {
            return;
        }

        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');
        // The printed password has been on a console: it only lets the administrator set a password of their own.
        var admin = new UserRecord(FirstAdminName, "Administrator", PasswordHashing.Hash(password), Roles.Admin, [], DateTimeOffset.UtcNow, MustChangePassword: true);
        var added = new SecurityEvent(SecurityEventKinds.UserAdded, "system", FirstAdminName, null, "first administrator, generated password to be changed at first login");
        if (!await users.AddAsync(admin, added, cancellationToken))
        {
            return;
        }

        // Printed once, to the console rather than the log sinks: it is a secret.
        Console.WriteLine();
        Console.WriteLine("==================================================================");
        Console.WriteLine(" RiskEngine created the first administrator:");
        Console.WriteLine($"   user name: {FirstAdminName}");
        Console.WriteLine($"   password:  {password}");
        Console.WriteLine(" Log in at /login.html and set a password of your own (asked at once);");
        Console.WriteLine(" add people with `-- users add`.");
        Console.WriteLine("==================================================================");
        Console.WriteLine();
        LogFirstAdmin(logger, FirstAdminName);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first administrator '{UserName}' (password printed on the console once)")]
    private static partial void LogFirstAdmin(ILogger logger, string userName);
}
