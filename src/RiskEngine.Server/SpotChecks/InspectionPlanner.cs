using System.Collections.Concurrent;
using System.Security.Cryptography;
using RiskEngine.Domain;
using RiskEngine.Domain.SpotChecks;
using RiskEngine.Grains.Dispatch;
using RiskEngine.Storage.SpotChecks;

namespace RiskEngine.Server.SpotChecks;

/// <summary>
/// Draws a district's plan for a month over its registered entities and their live risk, and stores it; a district and
/// month that already have a plan get that plan back, whoever drew it.
/// </summary>
public sealed partial class InspectionPlanner(
    InspectionPlanStore plans,
    SpotCheckPopulation population,
    InspectorRoster roster,
    SpotCheckSettings settings,
    SubjectRouter subjects,
    TimeProvider clock,
    ILogger<InspectionPlanner> logger)
{
    // Live risk is read from each subject's owning server; this many reads at a time keep a large district's draw short
    // without crowding out ingest on a small box.
    private const int ConcurrentReads = 16;

    public static string PlanIdOf(string district, string month) => district + "-" + month;

    /// <summary>A seed nobody chose: 16 random hex digits.</summary>
    public static string NewSeed() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>The plan of <paramref name="district"/> for <paramref name="month"/>, drawn now unless it exists; Created says which.</summary>
    public async Task<(InspectionPlanRecord Plan, bool Created)> DrawAsync(string district, string month, string? seed, string actor, CancellationToken cancellationToken)
    {
        if (await plans.FindAsync(district, month, cancellationToken) is { } existing)
        {
            return (existing, false);
        }

        var registry = await population.ListAsync(district, cancellationToken);
        var candidates = new ConcurrentBag<SpotCheckCandidate>();
        await Parallel.ForEachAsync(registry, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentReads, CancellationToken = cancellationToken },
            async (entity, _) =>
            {
                var risk = await subjects.ReadAsync(SubjectKind.Entity, entity.Uscc);
                candidates.Add(new SpotCheckCandidate(entity.Uscc, entity.Name ?? risk.Name, entity.CreditClass, risk.Score, risk.Level));
            });

        var ratios = settings.RatiosOf(district);
        var officers = await roster.ListAsync(district, cancellationToken);
        var chosenSeed = string.IsNullOrEmpty(seed) ? NewSeed() : seed;
        var outcome = SpotCheckDraw.Draw(chosenSeed, ratios, candidates.ToArray(), officers);
        var plan = new InspectionPlanRecord(PlanIdOf(district, month), district, month, chosenSeed, SpotCheckDraw.Algorithm, ratios, outcome.Counts, actor, clock.GetUtcNow());
        var tasks = outcome.Drawn.Select(d => new InspectionTaskRecord(plan.Id, d.Subject.SubjectId, d.Subject.Name, d.Subject.CreditClass, d.Subject.Level,
            d.Subject.Score, d.Key, d.InspectorIds, null, 0, null)).ToArray();

        if (!await plans.CreateAsync(plan, tasks, CancellationToken.None))
        {
            // Another supervisor's plan for this district and month committed first: theirs stands.
            return (await plans.FindAsync(district, month, CancellationToken.None) ?? throw new InvalidOperationException($"Plan {plan.Id} vanished."), false);
        }

        LogPlanDrawn(logger, plan.Id, tasks.Length, registry.Count, actor);
        return (plan, true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Spot-check plan {PlanId} drawn: {Drawn} of {Population} entities, by {Actor}")]
    private static partial void LogPlanDrawn(ILogger logger, string planId, int drawn, int population, string actor);
}
