using System.Security.Claims;
using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Domain.Alerts;
using RiskEngine.Server.Auth;
using RiskEngine.Server.Http;
using RiskEngine.Storage.Alerts;

namespace RiskEngine.Server.Alerts;

/// <summary>Alerts for duty officers: list, acknowledge, assign, resolve, audit, figures. Jurisdiction is checked on each.</summary>
public static class AlertEndpoints
{
    public const int MaxNoteLength = 2000;
    public const int MaxBulk = 200;

    public static RouteGroupBuilder MapAlertEndpoints(this RouteGroupBuilder api)
    {
        var alerts = api.MapGroup("/alerts").WithTags("Alerts");
        alerts.MapGet("/", ListAsync).WithName("ListAlerts")
            .WithSummary("Alerts in the caller's jurisdiction, open first, most severe and newest first")
            .RequireAuthorization(Policies.Read)
            .Produces<AlertListResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        alerts.MapGet("/stats", StatsAsync).WithName("AlertStats")
            .WithSummary("Per district: alerts waiting and mean times to acknowledge and to resolve")
            .RequireAuthorization(Policies.Read)
            .Produces<AlertStatsResponse>();
        alerts.MapGet("/{id}", GetAsync).WithName("GetAlert")
            .WithSummary("One alert").RequireAuthorization(Policies.Read)
            .Produces<AlertResponse>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        alerts.MapGet("/{id}/audit", AuditAsync).WithName("GetAlertAudit")
            .WithSummary("Every change of the alert, in order: who, when, what, note").RequireAuthorization(Policies.Read)
            .Produces<AuditResponse>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        alerts.MapPost("/{id}/ack", AcknowledgeAsync).WithName("AcknowledgeAlert")
            .WithSummary("Acknowledge; the first acknowledgement wins, later ones get 409 naming who acknowledged")
            .RequireAuthorization(Policies.ActOnAlerts)
            .Produces<AlertResponse>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        alerts.MapPost("/{id}/resolve", ResolveAsync).WithName("ResolveAlert")
            .WithSummary("Resolve with a note").RequireAuthorization(Policies.ActOnAlerts)
            .Produces<AlertResponse>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        alerts.MapPost("/{id}/assign", AssignAsync).WithName("AssignAlert")
            .WithSummary("Assign to an officer").RequireAuthorization(Policies.ActOnAlerts)
            .Produces<AlertResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        alerts.MapPost("/ack", BulkAcknowledgeAsync).WithName("AcknowledgeAlerts")
            .WithSummary("Acknowledge a selection of alerts; each gets its own status").RequireAuthorization(Policies.ActOnAlerts)
            .Produces<BulkAcknowledgeResponse>().ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    private static async Task<IResult> ListAsync(string? district, string? state, int? limit, ClaimsPrincipal user, AlertStore store, AlertRuleSet rules, CancellationToken cancellationToken)
    {
        IReadOnlyCollection<string>? districts = user.Jurisdiction();
        if (!string.IsNullOrEmpty(district))
        {
            if (!user.CanSee(district))
            {
                return UnknownDistrictProblem.For(district);
            }

            districts = [district];
        }

        var states = new List<AlertState>();
        foreach (var text in (state ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!AlertStates.TryParseWire(text, out var parsed))
            {
                return Results.Problem(title: "Invalid query", detail: $"state '{text}' is not one of open, acknowledged, resolved.", statusCode: StatusCodes.Status400BadRequest);
            }

            states.Add(parsed);
        }

        if (limit is < 1 or > 1000)
        {
            return Results.Problem(title: "Invalid query", detail: "limit must be between 1 and 1000.", statusCode: StatusCodes.Status400BadRequest);
        }

        var found = await store.ListAsync(new AlertQuery(districts, states, limit ?? 200), cancellationToken);
        return Results.Ok(new AlertListResponse(found.Select(a => AlertResponse.From(a, rules)).ToArray()));
    }

    private static async Task<IResult> StatsAsync(ClaimsPrincipal user, AlertStore store, CancellationToken cancellationToken)
    {
        var figures = await store.FiguresAsync(cancellationToken);
        return Results.Ok(new AlertStatsResponse(figures
            .Where(f => user.CanSee(f.District))
            .Select(f => new AlertDistrictStats(f.District, f.Open, f.Acknowledged, f.Resolved,
                Round(f.MeanSecondsToAcknowledge), Round(f.MeanSecondsToResolve)))
            .ToArray()));
    }

    private static async Task<IResult> GetAsync(string id, ClaimsPrincipal user, AlertStore store, AlertRuleSet rules, CancellationToken cancellationToken)
    {
        var alert = await FindVisibleAsync(id, user, store, cancellationToken);
        return alert is null ? NotFound(id) : Results.Ok(AlertResponse.From(alert, rules));
    }

    private static async Task<IResult> AuditAsync(string id, ClaimsPrincipal user, AlertStore store, CancellationToken cancellationToken)
    {
        if (await FindVisibleAsync(id, user, store, cancellationToken) is null)
        {
            return NotFound(id);
        }

        var entries = await store.AuditAsync(id, cancellationToken);
        return Results.Ok(new AuditResponse(id, entries.Select(e => new AuditEntryResponse(
            e.At, e.Actor, e.Action, e.FromState?.ToWire(), e.ToState.ToWire(), e.Level.ToWire(), e.Note)).ToArray()));
    }

    private static Task<IResult> AcknowledgeAsync(string id, AlertNoteRequest? request, ClaimsPrincipal user, IGrainFactory grains, AlertStore store, AlertRuleSet rules, CancellationToken cancellationToken) =>
        CommandAsync(id, request?.Note, user, grains, store, rules, (alert, note) => alert.AcknowledgeAsync(user.Actor(), note), cancellationToken);

    private static Task<IResult> ResolveAsync(string id, AlertNoteRequest? request, ClaimsPrincipal user, IGrainFactory grains, AlertStore store, AlertRuleSet rules, CancellationToken cancellationToken) =>
        CommandAsync(id, request?.Note, user, grains, store, rules, (alert, note) => alert.ResolveAsync(user.Actor(), note), cancellationToken);

    private static Task<IResult> AssignAsync(string id, AlertAssignRequest? request, ClaimsPrincipal user, IGrainFactory grains, AlertStore store, AlertRuleSet rules, CancellationToken cancellationToken)
    {
        var assignee = request?.Assignee?.Trim();
        if (string.IsNullOrEmpty(assignee) || assignee.Length > 100)
        {
            return Task.FromResult(Results.Problem(title: "Invalid assignment", detail: "assignee is required (up to 100 characters).", statusCode: StatusCodes.Status400BadRequest));
        }

        return CommandAsync(id, request?.Note, user, grains, store, rules, (alert, note) => alert.AssignAsync(user.Actor(), assignee, note), cancellationToken);
    }

    private static async Task<IResult> BulkAcknowledgeAsync(BulkAcknowledgeRequest? request, ClaimsPrincipal user, IGrainFactory grains, AlertStore store, AlertRuleSet rules, CancellationToken cancellationToken)
    {
        var ids = request?.Ids?.Where(i => !string.IsNullOrWhiteSpace(i)).Distinct(StringComparer.Ordinal).ToArray() ?? [];
        if (ids.Length == 0 || ids.Length > MaxBulk)
        {
            return Results.Problem(title: "Invalid selection", detail: $"ids must name between 1 and {MaxBulk} alerts.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (NoteProblem(request?.Note) is { } problem)
        {
            return problem;
        }

        var results = new List<BulkItemResult>(ids.Length);
        foreach (var id in ids)
        {
            if (await FindVisibleAsync(id, user, store, cancellationToken) is null)
            {
                results.Add(new BulkItemResult(id, StatusCodes.Status404NotFound, null, "No such alert."));
                continue;
            }

            var outcome = await grains.GetGrain<IAlertGrain>(id).AcknowledgeAsync(user.Actor(), request!.Note);
            results.Add(new BulkItemResult(id, StatusOf(outcome.Outcome), outcome.Alert is { } a ? AlertResponse.From(a, rules) : null, outcome.Detail));
        }

        return Results.Ok(new BulkAcknowledgeResponse(results));
    }

    private static async Task<IResult> CommandAsync(
        string id, string? note, ClaimsPrincipal user, IGrainFactory grains, AlertStore store, AlertRuleSet rules,
        Func<IAlertGrain, string?, Task<AlertCommandResult>> command, CancellationToken cancellationToken)
    {
        if (NoteProblem(note) is { } problem)
        {
            return problem;
        }

        if (await FindVisibleAsync(id, user, store, cancellationToken) is null)
        {
            return NotFound(id);
        }

        var result = await command(grains.GetGrain<IAlertGrain>(id), string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        return result.Outcome switch
        {
            AlertCommandOutcome.Done => Results.Ok(AlertResponse.From(result.Alert!, rules)),
            AlertCommandOutcome.NotFound => NotFound(id),
            AlertCommandOutcome.AlreadyAcknowledged => Conflict("Already acknowledged", result, "acknowledgedBy"),
            _ => Conflict("Already resolved", result, "resolvedBy"),
        };
    }

    /// <summary>
    /// The alert as stored, when the caller may see it. Read from the store, not the alert's grain: the grain commits
    /// every change there before it answers, and a guessed or foreign id must not bring a grain to life. An alert outside
    /// the caller's jurisdiction is as unknown as one that does not exist.
    /// </summary>
    private static async Task<AlertView?> FindVisibleAsync(string id, ClaimsPrincipal user, AlertStore store, CancellationToken cancellationToken)
    {
        if (id.Length > 200 || !id.Contains('.', StringComparison.Ordinal))
        {
            return null;
        }

        return await store.LoadAsync(id, cancellationToken) is { } alert && user.CanSee(alert.District) ? AlertView.From(alert) : null;
    }

    private static IResult? NoteProblem(string? note) =>
        note is { Length: > MaxNoteLength }
            ? Results.Problem(title: "Invalid note", detail: $"note is longer than {MaxNoteLength} characters.", statusCode: StatusCodes.Status400BadRequest)
            : null;

    private static int StatusOf(AlertCommandOutcome outcome) => outcome switch
    {
        AlertCommandOutcome.Done => StatusCodes.Status200OK,
        AlertCommandOutcome.NotFound => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status409Conflict,
    };

    private static IResult Conflict(string title, AlertCommandResult result, string byField) =>
        Results.Problem(title: title, detail: result.Detail, statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { [byField] = result.ConflictBy, ["at"] = result.ConflictAt });

    private static IResult NotFound(string id) =>
        Results.Problem(title: "Unknown alert", detail: $"There is no alert '{id}' in your jurisdiction.", statusCode: StatusCodes.Status404NotFound);

    private static double? Round(double? seconds) => seconds is { } s ? Math.Round(s, 1) : null;
}
