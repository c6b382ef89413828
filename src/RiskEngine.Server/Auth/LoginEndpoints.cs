using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using RiskEngine.Storage.Security;

namespace RiskEngine.Server.Auth;

/// <summary>
/// People log in for a token, and change their password (the generated first administrator must, before the first
/// token); anyone authenticated can ask who they are. Guessing is slowed per client network (a rate limit) and per user
/// name (<see cref="LoginThrottle"/>); every attempt goes to the security audit with the client's address.
/// </summary>
public static class LoginEndpoints
{
    public const string LoginRateLimit = "login";

    /// <summary>The problem extension that tells a login page to ask for a new password.</summary>
    public const string PasswordChangeRequired = "passwordChangeRequired";

    public static RouteGroupBuilder MapLoginEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/login", LoginAsync)
            .WithName("Login").WithTags("Auth")
            .WithSummary("Exchange a user name and password for an access token")
            .WithDescription("403 with passwordChangeRequired: true means the password is right but must be replaced first (POST /api/v1/auth/password).")
            .AllowAnonymous()
            .RequireRateLimiting(LoginRateLimit)
            .Produces<LoginResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapPost("/auth/password", ChangePasswordAsync)
            .WithName("ChangePassword").WithTags("Auth")
            .WithSummary("Replace one's password, proven by the current one; answers a fresh access token and revokes the older ones")
            .AllowAnonymous()
            .RequireRateLimiting(LoginRateLimit)
            .Produces<LoginResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/auth/me", WhoAmI)
            .WithName("WhoAmI").WithTags("Auth")
            .WithSummary("The caller: person or machine, role, jurisdiction and scopes")
            .RequireAuthorization()
            .Produces<WhoAmIResponse>();
        return api;
    }

    /// <summary>Partitions login attempts by client network (an IPv4 address, an IPv6 /64), whatever name they claim.</summary>
    public static RateLimitPartition<string> LoginPartition(HttpContext http)
    {
        var perMinute = http.RequestServices.GetRequiredService<IOptions<JwtOptions>>().Value.LoginAttemptsPerMinute;
        return RateLimitPartition.GetFixedWindowLimiter("login:" + ClientNetwork.Of(http.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, perMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    private static async Task<IResult> LoginAsync(LoginRequest? request, HttpContext http, PasswordSignIn signIn, CancellationToken cancellationToken)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return Invalid("userName and password are required.");
        }

        if (request.UserName.Length > 100 || request.Password.Length > 200)
        {
            return Invalid("userName or password is too long.");
        }

        var (user, refusal) = await signIn.CheckAsync(request.UserName, request.Password, http, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (user!.MustChangePassword)
        {
            await signIn.RecordAsync(SecurityEventKinds.LoginFailed, user.UserName, http, "must set a new password first", cancellationToken);
            return Results.Problem(title: "Password change required",
                detail: "The password is right but must be replaced before the first token: POST /api/v1/auth/password with userName, currentPassword and newPassword.",
                statusCode: StatusCodes.Status403Forbidden,
                extensions: new Dictionary<string, object?> { [PasswordChangeRequired] = true });
        }

        return await signIn.SignInAsync(user, http, cancellationToken);
    }

    private static async Task<IResult> ChangePasswordAsync(PasswordChangeRequest? request, HttpContext http, PasswordSignIn signIn, CancellationToken cancellationToken)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.CurrentPassword) || request.NewPassword is null)
        {
            return Invalid("userName, currentPassword and newPassword are required.");
        }

        if (request.UserName.Length > 100 || request.CurrentPassword.Length > 200 || request.NewPassword.Length > 200)
        {
            return Invalid("userName or a password is too long.");
        }

        if (PasswordHashing.Weakness(request.NewPassword) is { } weakness)
        {
            return Invalid($"newPassword is too weak: {weakness}.");
        }

        if (request.NewPassword == request.CurrentPassword)
        {
            return Invalid("newPassword must differ from currentPassword.");
        }

        var (user, refusal) = await signIn.CheckAsync(request.UserName, request.CurrentPassword, http, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var changed = await signIn.ChangePasswordAsync(user!, request.NewPassword, http, cancellationToken);
        return changed is null
            ? Results.Problem(title: "Login failed", detail: PasswordSignIn.RefusedDetail, statusCode: StatusCodes.Status401Unauthorized)
            : await signIn.SignInAsync(changed, http, cancellationToken);
    }

    private static IResult Invalid(string detail) =>
        Results.Problem(title: "Invalid login", detail: detail, statusCode: StatusCodes.Status400BadRequest);

    private static IResult WhoAmI(HttpContext http)
    {
        var user = http.User;
        return Results.Ok(new WhoAmIResponse(
            user.Actor(),
            user.IsPerson() ? "person" : "machine",
            user.Role(),
            user.Jurisdiction()?.Order(StringComparer.Ordinal).ToArray() ?? [],
            user.FindAll(Scopes.ClaimType).Select(c => c.Value).ToArray()));
    }
}
