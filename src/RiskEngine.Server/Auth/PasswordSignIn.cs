using System.Globalization;
using RiskEngine.Storage.People;
using RiskEngine.Storage.Security;

namespace RiskEngine.Server.Auth;

/// <summary>
/// The checks a login and a password change share: the name's throttle, the password, the account's state; each
/// outcome recorded in the security audit.
/// </summary>
public sealed partial class PasswordSignIn(
    UserStore users, TokenIssuer issuer, LoginThrottle throttle, SecurityStamps stamps, SecurityEventLog audit, SecurityMetrics metrics,
    ILogger<PasswordSignIn> logger)
{
    public const string RefusedDetail = "Unknown user name or wrong password.";

    public async Task<(UserRecord? User, IResult? Refusal)> CheckAsync(string userName, string password, HttpContext http, CancellationToken cancellationToken)
    {
        var name = UserStore.Normalize(userName);
        if (throttle.WaitFor(name) is { } wait)
        {
            metrics.Login("throttled");
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            await RecordAsync(SecurityEventKinds.LoginFailed, name, http, $"not checked: the name must wait {seconds} s after repeated failures", cancellationToken);
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return (null, Results.Problem(title: "Too many failed logins",
                detail: $"This user name failed to log in too often; try again in {seconds} s.", statusCode: StatusCodes.Status429TooManyRequests));
        }

        var user = await users.FindAsync(name, cancellationToken);
        if (!PasswordHashing.Verify(user, password))
        {
            throttle.Failed(name);
            metrics.Login("failed");
            LogRefused(logger, name);
            await RecordAsync(SecurityEventKinds.LoginFailed, name, http, user is null ? "unknown user name" : "wrong password", cancellationToken);
            return (null, Results.Problem(title: "Login failed", detail: RefusedDetail, statusCode: StatusCodes.Status401Unauthorized));
        }

        if (user!.Disabled)
        {
            // The same answer as a wrong password: whether an account exists or is disabled is for the audit only.
            metrics.Login("failed");
            LogRefused(logger, name);
            await RecordAsync(SecurityEventKinds.LoginFailed, name, http, "account disabled", cancellationToken);
            return (null, Results.Problem(title: "Login failed", detail: RefusedDetail, statusCode: StatusCodes.Status401Unauthorized));
        }

        throttle.Succeeded(name);
        return (user, null);
    }

    /// <summary>The person with the new password, or null when they were removed meanwhile.</summary>
    public async Task<UserRecord?> ChangePasswordAsync(UserRecord user, string newPassword, HttpContext http, CancellationToken cancellationToken)
    {
        var change = new SecurityEvent(SecurityEventKinds.PasswordChanged, user.UserName, user.UserName, Address(http), "by the person");
        if (!await users.SetPasswordAsync(user.UserName, PasswordHashing.Hash(newPassword), change, cancellationToken))
        {
            return null;
        }

        stamps.Forget(user.UserName);
        return await users.FindAsync(user.UserName, cancellationToken);
    }

    public async Task<IResult> SignInAsync(UserRecord user, HttpContext http, CancellationToken cancellationToken)
    {
        var (token, expiresAt) = issuer.Issue(user);
        metrics.Login("succeeded");
        await RecordAsync(SecurityEventKinds.LoginSucceeded, user.UserName, http, user.Role, cancellationToken);
        LogLoggedIn(logger, user.UserName, user.Role);
        return Results.Ok(new LoginResponse(token, expiresAt, user.UserName, user.Role, user.Districts));
    }

    public Task RecordAsync(string kind, string userName, HttpContext http, string detail, CancellationToken cancellationToken) =>
        audit.AppendAsync([new SecurityEvent(kind, userName, userName, Address(http), detail)], cancellationToken);

    private static string? Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Login refused for {UserName}")]
    private static partial void LogRefused(ILogger logger, string userName);

    [LoggerMessage(Level = LogLevel.Information, Message = "{UserName} logged in as {Role}")]
    private static partial void LogLoggedIn(ILogger logger, string userName, string role);
}
