using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using RiskEngine.Storage.People;

namespace RiskEngine.Server.Auth;

/// <summary>
/// Whether a person's token is still good: its security stamp is the person's current one and the person is not
/// disabled. The current stamp is read from the store at most once per <see cref="RevocationOptions.StampCacheDuration"/>
/// per person and server, so a change made anywhere (another server, the command line) takes effect within that time.
/// Machines (API keys) carry no stamp and are not checked here.
/// </summary>
public sealed class SecurityStamps(UserStore users, IMemoryCache cache, IOptions<RevocationOptions> options)
{
    // What the cache holds for a person who is disabled or gone: no stamp matches it.
    private const string Revoked = "";

    public async ValueTask<bool> IsCurrentAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (!user.IsPerson())
        {
            return true;
        }

        var presented = user.SecurityStamp();
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var current = await CurrentAsync(user.Actor(), cancellationToken);
        return current.Length > 0 && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(current), System.Text.Encoding.UTF8.GetBytes(presented));
    }

    /// <summary>Drops what this server remembers of <paramref name="userName"/>, after it changed the person itself.</summary>
    public void Forget(string userName) => cache.Remove(Key(userName));

    private async ValueTask<string> CurrentAsync(string userName, CancellationToken cancellationToken)
    {
        var key = Key(userName);
        if (cache.TryGetValue(key, out string? known) && known is not null)
        {
            return known;
        }

        var record = await users.FindAsync(userName, cancellationToken);
        var current = record is { Disabled: false } ? record.SecurityStamp : Revoked;
        cache.Set(key, current, options.Value.StampCacheDuration);
        return current;
    }

    private static string Key(string userName) => "security-stamp:" + UserStore.Normalize(userName);
}
