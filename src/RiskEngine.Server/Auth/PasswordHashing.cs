using Microsoft.AspNetCore.Identity;
using RiskEngine.Storage.People;

namespace RiskEngine.Server.Auth;

/// <summary>ASP.NET Core Identity's hasher (PBKDF2 with a per-password salt, versioned format).</summary>
public static class PasswordHashing
{
    public const int MinimumLength = 10;

    private static readonly PasswordHasher<UserRecord> Hasher = new();

    // Checked when the name is unknown, so a miss costs the same time as a wrong password.
    private static readonly string DecoyHash = Hasher.HashPassword(null!, Guid.NewGuid().ToString());

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    public static bool Verify(UserRecord? user, string password)
    {
        var result = Hasher.VerifyHashedPassword(user!, user?.PasswordHash ?? DecoyHash, password);
        return user is not null && result != PasswordVerificationResult.Failed;
    }

    /// <summary>Why a new password is refused, or null.</summary>
    public static string? Weakness(string password) =>
        password.Length < MinimumLength ? $"a password needs at least {MinimumLength} characters" : null;
}
