using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using RiskEngine.Domain;
using RiskEngine.Domain.SpotChecks;
using RiskEngine.Server.Auth;
using RiskEngine.Server.Http;
using RiskEngine.Storage.SpotChecks;

namespace RiskEngine.Server.SpotChecks;

/// <summary>
/// 双随机 plans: drawing one (supervisors and admins, within their jurisdiction), reading plans and the officers' open
/// tasks. Outside one's jurisdiction a plan answers 404: its existence is not disclosed.
/// </summary>
public static partial class InspectionPlanEndpoints
{
    public const int MaxSeedLength = 100;

    public static RouteGroupBuilder MapInspectionPlanEndpoints(this RouteGroupBuilder api)
    {
        var plans = api.MapGroup("/inspection-plans").WithTags("Spot checks");
        plans.MapPost("/", CreateAsync).WithName("CreateInspectionPlan")
            .WithSummary("Draw the district's 双随机 plan for a month (201), or answer the one it has (200)")
            .RequireAuthorization(Policies.ManagePlans)
            .Produces<InspectionPlanResponse>(StatusCodes.Status201Created).Produces<InspectionPlanResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        plans.MapGet("/", ListAsync).WithName("ListInspectionPlans")
            .WithSummary("Plans in the caller's jurisdiction, newest month first, with their progress")
            .RequireAuthorization(Policies.Read)
            .Produces<InspectionPlanListResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        plans.MapGet("/{id}", GetAsync).WithName("GetInspectionPlan")
            .WithSummary("One plan with its drawn subjects, inspectors and results")
            .RequireAuthorization(Policies.Read)
            .Produces<InspectionPlanResponse>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/inspection-tasks", ListOpenTasksAsync).WithName("ListInspectionTasks").WithTags("Spot checks")
            .WithSummary("Open spot-check tasks in the caller's jurisdiction, riskiest first")
            .RequireAuthorization(Policies.Read)
            .Produces<InspectionTaskListResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])$")]
    private static partial Regex MonthPattern();

    private static async Task<IResult> CreateAsync(
        InspectionPlanRequest? request, ClaimsPrincipal user, RiskCatalog catalog, InspectionPlanner planner,
        InspectionPlanStore store, InspectorRoster roster, CancellationToken cancellationToken)
    {
        var district = request?.District?.Trim() ?? "";
        var month = request?.Month?.Trim() ?? "";
        var seed = request?.Seed?.Trim();
        if (catalog.Districts.All(d => d.Code != district))
        {
            return Invalid($"district '{district}' is not one of the city's district codes.");
        }

        if (!MonthPattern().IsMatch(month))
        {
            return Invalid($"month '{month}' is not a month as yyyy-MM.");
        }

        if (seed is { Length: > MaxSeedLength })
        {
            return Invalid($"seed is longer than {MaxSeedLength} characters.");
        }

        if (!user.CanSee(district))
        {
            return Results.Problem(title: "Forbidden", detail: $"District {district} is outside your jurisdiction.", statusCode: StatusCodes.Status403Forbidden);
        }

        var (plan, created) = await planner.DrawAsync(district, month, seed, user.Actor(), cancellationToken);
        var response = await DetailAsync(plan, store, roster, cancellationToken);
        return created
            ? Results.Created($"/api/v1/inspection-plans/{Uri.EscapeDataString(plan.Id)}", response)
            : Results.Ok(response);
    }

    private static async Task<IResult> GetAsync(string id, ClaimsPrincipal user, InspectionPlanStore store, InspectorRoster roster, CancellationToken cancellationToken)
    {
        var plan = id.Length <= 100 ? await store.FindAsync(id, cancellationToken) : null;
        return plan is not null && user.CanSee(plan.District)
            ? Results.Ok(await DetailAsync(plan, store, roster, cancellationToken))
            : Results.Problem(title: "Unknown plan", detail: $"There is no plan '{id}'.", statusCode: StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(string? district, string? month, ClaimsPrincipal user, InspectionPlanStore store, CancellationToken cancellationToken)
    {
        var (districts, refusal) = Scope(district, user);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!string.IsNullOrEmpty(month) && !MonthPattern().IsMatch(month))
        {
            return Invalid($"month '{month}' is not a month as yyyy-MM.");
        }

        var found = await store.ListAsync(districts, string.IsNullOrEmpty(month) ? null : month, cancellationToken);
        var progress = await store.ProgressAsync(found.Select(p => p.Id).ToArray(), cancellationToken);
        return Results.Ok(new InspectionPlanListResponse(found.Select(p => new InspectionPlanSummary(
            p.Id, p.District, p.Month, p.Seed, p.Algorithm, Ratios(p), Counts(p), Progress(progress.GetValueOrDefault(p.Id)))).ToArray()));
    }

    private static async Task<IResult> ListOpenTasksAsync(string? district, int? limit, ClaimsPrincipal user, InspectionPlanStore store, InspectorRoster roster, CancellationToken cancellationToken)
    {
        var (districts, refusal) = Scope(district, user);
        if (refusal is not null)
        {
            return refusal;
        }

        if (limit is < 1 or > 1000)
        {
            return Invalid("limit must be between 1 and 1000.");
        }

        var tasks = await store.OpenTasksAsync(districts, limit ?? 200, cancellationToken);
        var planDistricts = (await store.ListAsync(districts, null, cancellationToken)).ToDictionary(p => p.Id, p => p.District, StringComparer.Ordinal);
        var names = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        var items = new List<InspectionTaskResponse>(tasks.Count);
        foreach (var task in tasks)
        {
            var taskDistrict = planDistricts.GetValueOrDefault(task.PlanId) ?? "";
            if (!names.TryGetValue(taskDistrict, out var officers))
            {
                officers = (await roster.ListAsync(taskDistrict, cancellationToken)).ToDictionary(i => i.Id, i => i.Name, StringComparer.Ordinal);
                names[taskDistrict] = officers;
            }

            items.Add(new InspectionTaskResponse(task.PlanId, taskDistrict, task.SubjectId, task.SubjectName, task.CreditClass.ToString(),
                task.Level.ToWire(), task.Score, Officers(task, officers)));
        }

        return Results.Ok(new InspectionTaskListResponse(items));
    }

    /// <summary>The districts a list covers: the one asked for (if the caller sees it), else the caller's jurisdiction (null: the city).</summary>
    private static (IReadOnlyCollection<string>? Districts, IResult? Refusal) Scope(string? district, ClaimsPrincipal user)
    {
        if (string.IsNullOrEmpty(district))
        {
            return (user.Jurisdiction(), null);
        }

        return user.CanSee(district)
            ? ([district], null)
            : (null, UnknownDistrictProblem.For(district));
    }

    internal static async Task<InspectionPlanResponse> DetailAsync(InspectionPlanRecord plan, InspectionPlanStore store, InspectorRoster roster, CancellationToken cancellationToken)
    {
        var tasks = await store.TasksAsync(plan.Id, cancellationToken);
        var officers = (await roster.ListAsync(plan.District, cancellationToken)).ToDictionary(i => i.Id, i => i.Name, StringComparer.Ordinal);
        var drawn = tasks.Select(t => new DrawnSubjectResponse(
            t.SubjectId, t.SubjectName, t.CreditClass.ToString(), t.Level.ToWire(), Math.Round(t.Score, 2), t.SampleKey,
            Officers(t, officers), t.Done ? "done" : "open", t.Result, t.Findings, t.DoneAt)).ToArray();
        var progress = new PlanProgressResponse(tasks.Count(t => t.Done), tasks.Count, tasks.Sum(t => t.Findings));
        return new InspectionPlanResponse(plan.Id, plan.District, plan.Month, plan.Seed, plan.Algorithm, Ratios(plan), Counts(plan),
            drawn, progress, plan.CreatedBy, plan.CreatedAt);
    }

    internal static IReadOnlyDictionary<string, double> Ratios(InspectionPlanRecord plan) =>
        Enum.GetValues<CreditClass>().ToDictionary(c => c.ToString(), plan.Ratios.Of);

    internal static IReadOnlyDictionary<string, ClassCountResponse> Counts(InspectionPlanRecord plan) =>
        Enum.GetValues<CreditClass>().ToDictionary(c => c.ToString(),
            c => plan.Counts.TryGetValue(c, out var count) ? new ClassCountResponse(count.Population, count.Drawn) : new ClassCountResponse(0, 0));

    /// <summary>The end of the plan's month in the city's civil time, after which its list and results are published.</summary>
    internal static DateTimeOffset MonthEnd(InspectionPlanRecord plan, RiskCatalog catalog)
    {
        var first = DateTime.ParseExact(plan.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new DateTimeOffset(first.AddMonths(1), catalog.Parameters.LocalUtcOffset);
    }

    private static TaskInspectorResponse[] Officers(InspectionTaskRecord task, IReadOnlyDictionary<string, string> names) =>
        task.Inspectors.Select(id => new TaskInspectorResponse(id, names.GetValueOrDefault(id))).ToArray();

    private static PlanProgressResponse Progress(PlanProgress? progress) =>
        progress is null ? new PlanProgressResponse(0, 0, 0) : new PlanProgressResponse(progress.Done, progress.Total, progress.Findings);

    private static IResult Invalid(string detail) =>
        Results.Problem(title: "Invalid request", detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
