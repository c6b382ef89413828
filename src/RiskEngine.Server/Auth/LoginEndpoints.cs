using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using RiskEngine.Storage.People;

namespace RiskEngine.Server.Auth;

/// <summary>People log in for a token; anyone authenticated can ask who they are.</summary>
public static partial class LoginEndpoints
{
    public const string LoginRateLimit = "login";

    public static RouteGroupBuilder MapLoginEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/login", LoginAsync)
            .WithName("Login").WithTags("Auth")
            .WithSummary("Exchange a user name and password for an access token")
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

    /// <summary>Partitions login attempts by client address and claimed user name, so guessing one account is slow.</summary>
    public static RateLimitPartition<string> LoginPartition(HttpContext http)
    {
        var perMinute = http.RequestServices.GetRequiredService<IOptions<JwtOptions>>().Value.LoginAttemptsPerMinute;
        return RateLimitPartition.GetFixedWindowLimiter("login:" + http.Connection.RemoteIpAddress, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, perMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    private static async Task<IResult> LoginAsync(LoginRequest? request, UserStore users, TokenIssuer issuer, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return Results.Problem(title: "Invalid login", detail: "userName and password are required.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (request.UserName.Length > 100 || request.Password.Length > 200)
        {
            return Results.Problem(title: "Invalid login", detail: "userName or password is too long.", statusCode: StatusCodes.Status400BadRequest);
        }

        var logger = loggers.CreateLogger(typeof(LoginEndpoints));
        var user = await users.FindAsync(request.UserName, cancellationToken);
        if (!PasswordHashing.Verify(user, request.Password))
        {
            LogRefused(logger, UserStore.Normalize(request.UserName));
            return Results.Problem(title: "Login failed", detail: "Unknown user name or wrong password.", statusCode: StatusCodes.Status401Unauthorized);
        }

        var (token, expiresAt) = issuer.Issue(user!);
        LogLoggedIn(logger, user!.UserName, user.Role);
        return Results.Ok(new LoginResponse(token, expiresAt, user.UserName, user.Role, user.Districts));
    }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Login refused for {UserName}")]
    private static partial void LogRefused(ILogger logger, string userName);

    [LoggerMessage(Level = LogLevel.Information, Message = "{UserName} logged in as {Role}")]
    private static partial void LogLoggedIn(ILogger logger, string userName, string role);
}
