using System.Globalization;
using System.Security.Claims;
using RiskEngine.Domain;
using RiskEngine.Domain.Alerts;
using RiskEngine.Server.Auth;
using RiskEngine.Storage.SpotChecks;
using RiskEngine.Storage.Targets;

namespace RiskEngine.Server.Targets;

/// <summary>
/// The wall's targets panel: four figures computed now from what the engine holds, each beside its target from Wuhan's
/// 14th five-year market-supervision plan (shared/DOMAIN.md), within the caller's jurisdiction.
/// </summary>
public static class TargetEndpoints
{
    // shared/DOMAIN.md "Targets": food sampling pass rate 98.5%; the spot-check ratio rising to 5%. On-time periodic
    // inspection of special equipment has no figure there: 超期未检 is a campaign target, so every unit (100%).
    // Acknowledgement within the SLA (the escalation time of seeds/alert-rules.json) borrows the plan's 95% for complaints closed on time.
    public const double FoodSamplingPassRate = 0.985;
    public const double SpotCheckCoverage = 0.05;
    public const double EquipmentOnTime = 1.0;
    public const double AlertsWithinSla = 0.95;

    private static readonly TimeSpan AlertWindow = TimeSpan.FromDays(30);

    public static RouteGroupBuilder MapTargetEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/targets", GetAsync).WithName("GetTargets").WithTags("Targets")
            .WithSummary("十四五 targets beside the live figures: food sampling pass rate, spot-check coverage, equipment inspected on time, alerts acknowledged within SLA")
            .RequireAuthorization(Policies.Read)
            .Produces<TargetListResponse>();
        return api;
    }

    private static async Task<IResult> GetAsync(
        ClaimsPrincipal user, SamplingTally sampling, TargetFigureStore figures, InspectionPlanStore plans, AlertRuleSet rules,
        RiskCatalog catalog, TimeProvider clock, CancellationToken cancellationToken)
    {
        var districts = user.Jurisdiction();
        var now = clock.GetUtcNow();
        var items = new List<TargetResponse>(4);

        // The tally is this server's, city-wide: only a city-wide reader sees it.
        var (passed, failed) = districts is null ? sampling.LastDays() : (0, 0);
        items.Add(Figure("food-sampling-pass-rate", "食品抽检合格率", "Food sampling pass rate", passed, passed + failed, FoodSamplingPassRate,
            districts is null ? $"{passed + failed} samples logged by this server in the last {SamplingTally.Days} days" : "city-wide readers only"));

        var month = now.ToOffset(catalog.Parameters.LocalUtcOffset).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var monthPlans = await plans.ListAsync(districts, month, cancellationToken);
        var drawn = monthPlans.Sum(p => p.Counts.Values.Sum(c => (long)c.Drawn));
        var registered = await figures.CountRegisteredEntitiesAsync(districts, cancellationToken);
        items.Add(Figure("spot-check-coverage", "双随机抽查覆盖率", "Spot-check coverage", drawn, registered, SpotCheckCoverage,
            $"{drawn} drawn in {monthPlans.Count} plans of {month} of {registered} registered entities"));

        var (withDueDate, overdue) = await figures.EquipmentDueFiguresAsync(districts, cancellationToken);
        items.Add(Figure("equipment-inspected-on-time", "特种设备按期检验率", "Special equipment inspected on time", withDueDate - overdue, withDueDate, EquipmentOnTime,
            $"{overdue} of {withDueDate} units with a due date are overdue (超期未检)"));

        var alerts = await figures.AcknowledgementsAsync(districts, now - AlertWindow, cancellationToken);
        var sla = rules.EscalateAfter;
        // An alert still waiting counts once its SLA has run out; until then it is neither in time nor late.
        var decided = alerts.Where(a => a.AcknowledgedAt is not null || now - a.OpenedAt > sla).ToArray();
        var inTime = decided.Count(a => a.AcknowledgedAt is { } at && at - a.OpenedAt <= sla);
        items.Add(Figure("alerts-acknowledged-within-sla", "预警按时认领率", "Alerts acknowledged within SLA", inTime, decided.Length, AlertsWithinSla,
            $"{inTime} of {decided.Length} alerts of the last {AlertWindow.TotalDays:0} days acknowledged within {sla.TotalMinutes:0} min"));

        return Results.Ok(new TargetListResponse(now, items));
    }

    private static TargetResponse Figure(string id, string zh, string en, long part, long whole, double target, string basis)
    {
        double? value = whole > 0 ? Math.Round((double)part / whole, 4) : null;
        return new TargetResponse(id, zh, en, value, target, value is { } v ? v >= target : null, whole, basis);
    }
}
