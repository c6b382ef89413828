namespace RiskEngine.Server.Http;

/// <summary>
/// Gives the bare problem documents written for a status alone (401 and 403 from authorization, unmapped routes)
/// a detail that tells the client what to do; problems that carry their own detail keep it.
/// </summary>
public static class StatusProblemDetails
{
    public static void AddDetail(ProblemDetailsContext context)
    {
        context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
        {
            StatusCodes.Status401Unauthorized => "No valid credentials were presented: machines send an API key in the X-Api-Key header, people a bearer token from POST /api/v1/auth/login.",
            StatusCodes.Status403Forbidden => "The credentials presented lack the scope or role this endpoint needs (machines: ingest or read; people: officer, supervisor or admin to act on alerts).",
            StatusCodes.Status404NotFound => "No resource at this address.",
            StatusCodes.Status405MethodNotAllowed => "This address does not take that HTTP method.",
            _ => context.ProblemDetails.Title,
        };
    }
}
