using System.Security.Claims;
using RiskEngine.Domain;
using RiskEngine.Domain.SpotChecks;
using RiskEngine.Server.Auth;
using RiskEngine.Server.Http;
using RiskEngine.Storage.SpotChecks;

namespace RiskEngine.Server.SpotChecks;

/// <summary>Each district's roster of inspectors: read within jurisdiction, maintained by supervisors and admins within theirs.</summary>
public static class InspectorEndpoints
{
    public const int MaxTextLength = 100;
    public const int MaxListLength = 500;

    public static RouteGroupBuilder MapInspectorEndpoints(this RouteGroupBuilder api)
    {
        var inspectors = api.MapGroup("/inspectors").WithTags("Spot checks");
        inspectors.MapGet("/", ListAsync).WithName("ListInspectors")
            .WithSummary("A district's active inspectors").RequireAuthorization(Policies.Read)
            .Produces<InspectorListResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        inspectors.MapPut("/{id}", PutAsync).WithName("PutInspector")
            .WithSummary("Add an inspector to a district's roster or replace their entry (recusals, affiliations)")
            .RequireAuthorization(Policies.ManagePlans)
            .Produces<InspectorResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        inspectors.MapDelete("/{id}", DeleteAsync).WithName("RemoveInspector")
            .WithSummary("Take an inspector off the roster (plans already drawn keep them)")
            .RequireAuthorization(Policies.ManagePlans)
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> ListAsync(string? district, ClaimsPrincipal user, RiskCatalog catalog, InspectorRoster roster, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(district) || catalog.Districts.All(d => d.Code != district))
        {
            return Invalid($"district '{district}' is not one of the city's district codes.");
        }

        if (!user.CanSee(district))
        {
            return UnknownDistrictProblem.For(district);
        }

        return Results.Ok(new InspectorListResponse((await roster.ListAsync(district, cancellationToken)).Select(ToResponse).ToArray()));
    }

    private static async Task<IResult> PutAsync(string id, InspectorRequest? request, ClaimsPrincipal user, RiskCatalog catalog, InspectorRoster roster, CancellationToken cancellationToken)
    {
        id = id.Trim();
        var name = request?.Name?.Trim() ?? "";
        var district = request?.District?.Trim() ?? "";
        var organisation = request?.Organisation?.Trim() ?? "";
        var recusals = Clean(request?.Recusals);
        var affiliations = Clean(request?.Affiliations);
        if (id.Length is 0 or > MaxTextLength || id.Contains(','))
        {
            return Invalid($"id must be 1 to {MaxTextLength} characters without commas.");
        }

        if (name.Length is 0 or > MaxTextLength || organisation.Length is 0 or > MaxTextLength)
        {
            return Invalid($"name and organisation are required (up to {MaxTextLength} characters).");
        }

        if (catalog.Districts.All(d => d.Code != district))
        {
            return Invalid($"district '{district}' is not one of the city's district codes.");
        }

        foreach (var (field, list) in new[] { ("recusals", recusals), ("affiliations", affiliations) })
        {
            if (list.Count > MaxListLength || list.Any(code => !Uscc.TryParse(code, out _, out _)))
            {
                return Invalid($"{field}: up to {MaxListLength} valid USCCs.");
            }
        }

        if (!user.CanSee(district))
        {
            return Forbidden(district);
        }

        // Moving an officer out of a district one does not oversee is not theirs to do.
        if (await roster.FindAsync(id, cancellationToken) is { } current && !user.CanSee(current.District))
        {
            return Forbidden(current.District);
        }

        var inspector = new Inspector(id, name, district, organisation, recusals, affiliations);
        await roster.UpsertAsync(inspector, cancellationToken);
        return Results.Ok(ToResponse(inspector));
    }

    private static async Task<IResult> DeleteAsync(string id, ClaimsPrincipal user, InspectorRoster roster, CancellationToken cancellationToken)
    {
        var current = await roster.FindAsync(id, cancellationToken);
        if (current is null || !user.CanSee(current.District))
        {
            return Results.Problem(title: "Unknown inspector", detail: $"There is no inspector '{id}' on a roster you oversee.", statusCode: StatusCodes.Status404NotFound);
        }

        await roster.RemoveAsync(id, cancellationToken);
        return Results.NoContent();
    }

    private static List<string> Clean(IReadOnlyList<string>? codes) =>
        (codes ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();

    private static InspectorResponse ToResponse(Inspector i) => new(i.Id, i.Name, i.District, i.Organisation, i.Recusals, i.Affiliations);

    private static IResult Invalid(string detail) =>
        Results.Problem(title: "Invalid request", detail: detail, statusCode: StatusCodes.Status400BadRequest);

    private static IResult Forbidden(string district) =>
        Results.Problem(title: "Forbidden", detail: $"District {district} is outside your jurisdiction.", statusCode: StatusCodes.Status403Forbidden);
}
