using System.Security.Claims;

namespace RiskEngine.Server.Auth;

/// <summary>
/// What a caller may see and do. Machines (API keys) with scope read see the whole city; people see their
/// jurisdiction districts, or the whole city when they have none.
/// </summary>
public static class PersonClaims
{
    public const string District = "district";

    public const string RoleClaim = "role";

    public const string NameClaim = "name";

    /// <summary>The person's security stamp when the token was issued; a token whose stamp is no longer current is refused.</summary>
    public const string StampClaim = "stamp";

    public static bool IsPerson(this ClaimsPrincipal user) => user.FindFirst(RoleClaim) is not null;

    public static string? Role(this ClaimsPrincipal user) => user.FindFirst(RoleClaim)?.Value;

    public static string Actor(this ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    /// <summary>The districts the caller is limited to; null when it sees the whole city.</summary>
    public static IReadOnlySet<string>? Jurisdiction(this ClaimsPrincipal user)
    {
        if (!user.IsPerson())
        {
            return null;
        }

        var districts = user.FindAll(District).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return districts.Count == 0 ? null : districts;
    }

    public static bool SeesCity(this ClaimsPrincipal user) => user.Jurisdiction() is null;

    public static bool CanSee(this ClaimsPrincipal user, string district) => user.Jurisdiction() is not { } limited || limited.Contains(district);

    public static string? SecurityStamp(this ClaimsPrincipal user) => user.FindFirst(StampClaim)?.Value;

    /// <summary>When a person's token stops being accepted (its <c>exp</c>); null for machines.</summary>
    public static DateTimeOffset? ExpiresAt(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirst("exp")?.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    public static bool CanActOnAlerts(this ClaimsPrincipal user) => user.Role() is { } role && Roles.Acting.Contains(role);
}
