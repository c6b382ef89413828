using RiskEngine.Server.Auth;
using RiskEngine.Storage.Security;

namespace RiskEngine.Server.Security;

/// <summary>The security audit, for administrators.</summary>
public static class SecurityEndpoints
{
    public const int MaxPage = 500;

    public static RouteGroupBuilder MapSecurityEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/security/events", ListAsync).WithName("ListSecurityEvents").WithTags("Security")
            .WithSummary("The security audit, newest first: logins with address, user changes, token revocations, sampled API-key use")
            .WithDescription("Page with before (the previous page's nextBefore) and limit (1-500, default 100); kind filters to one kind of event.")
            .RequireAuthorization(Policies.Administer)
            .Produces<SecurityEventPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<IResult> ListAsync(long? before, int? limit, string? kind, SecurityEventLog audit, CancellationToken cancellationToken)
    {
        if (before is < 1)
        {
            return Invalid("before must be a positive event number (the previous page's nextBefore).");
        }

        if (limit is < 1 or > MaxPage)
        {
            return Invalid($"limit must be between 1 and {MaxPage}.");
        }

        if (kind is not null && !SecurityEventKinds.All.Contains(kind))
        {
            return Invalid($"kind '{kind}' is not one of {string.Join(", ", SecurityEventKinds.All.Order(StringComparer.Ordinal))}.");
        }

        var size = limit ?? 100;
        var events = await audit.ReadAsync(before, size + 1, kind, cancellationToken);
        var page = events.Take(size).Select(SecurityEventResponse.From).ToArray();
        return Results.Ok(new SecurityEventPage(page, events.Count > size ? page[^1].Seq : null));
    }

    private static IResult Invalid(string detail) =>
        Results.Problem(title: "Invalid query", detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
