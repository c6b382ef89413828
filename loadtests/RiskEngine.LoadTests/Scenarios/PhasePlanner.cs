using RiskEngine.LoadTests.CommandLine;
using RiskEngine.LoadTests.Traffic;
using RiskEngine.LoadTests.Workload;

namespace RiskEngine.LoadTests.Scenarios;

/// <summary>
/// Turns the phases asked for into their traffic streams. Every phase carries everyday city traffic at --rate;
/// the incident adds a quarter of that again in failed samplings, the storm a quarter in entrapments, the backfill
/// half again in week-old signals; the ramp replaces it with a ramp from a tenth to one and a half times --rate.
/// </summary>
public static class PhasePlanner
{
    public const double RampStart = 0.1;
    public const double RampEnd = 1.5;
    public const double IncidentShare = 0.25;
    public const double StormShare = 0.25;
    public const double BackfillShare = 0.5;

    private static readonly TimeSpan LiveWindow = TimeSpan.FromHours(6);

    /// <param name="epoch">Event times are generated relative to it (the start of the traffic, in the city's offset).</param>
    public static IReadOnlyList<PhasePlan> Plan(
        ScenarioSettings settings, string runId, SeedCodes codes, EntityPopulation entities, EquipmentPopulation equipment, DateTimeOffset epoch)
    {
        var rate = (double)settings.Rate;
        var duration = TimeSpan.FromSeconds(settings.Seconds);
        var plans = new List<PhasePlan>();
        for (var index = 0; index < settings.Phases.Count; index++)
        {
            var kind = settings.Phases[index];
            // The same phase twice gets distinct tags, so their source ids never collide.
            var tag = settings.Phases.Take(index).Contains(kind) ? $"{kind.Name()}{index + 1}" : kind.Name();
            var live = Everyday(entities, equipment, epoch);
            TrafficStream Stream(string suffix, ISignalGenerator generator, RateProfile profile) =>
                new(runId, suffix.Length == 0 ? tag : $"{tag}.{suffix}", generator, profile);

            IReadOnlyList<TrafficStream> streams = kind switch
            {
                PhaseKind.Steady => [Stream("", live, RateProfile.Constant(rate))],
                PhaseKind.Ramp => [Stream("", live, new RateProfile(rate * RampStart, rate * RampEnd))],
                PhaseKind.Incident =>
                [
                    Stream("base", live, RateProfile.Constant(rate)),
                    Stream("burst", new FoodSafetyIncident(entities, DistrictIndex(codes, settings.IncidentDistrict), settings.IncidentDistrict, epoch), RateProfile.Constant(rate * IncidentShare)),
                ],
                PhaseKind.Storm =>
                [
                    Stream("base", live, RateProfile.Constant(rate)),
                    Stream("faults", new EntrapmentStorm(equipment, epoch), RateProfile.Constant(rate * StormShare)),
                ],
                PhaseKind.Backfill =>
                [
                    Stream("base", live, RateProfile.Constant(rate)),
                    Stream("late", new CityMix(entities, equipment, epoch, TimeSpan.FromDays(7), TimeSpan.FromDays(8), "a backfill of week-old signals (7-8 days old)"),
                        RateProfile.Constant(rate * BackfillShare)),
                ],
                _ => throw new ArgumentOutOfRangeException(nameof(settings), kind, "unknown phase"),
            };
            plans.Add(new PhasePlan(tag, Describe(streams), duration, streams));
        }

        return plans;
    }

    /// <summary>
    /// One phase of the <c>steady</c> scenario's traffic on its own: everyday city traffic at a constant rate, for
    /// another command that drives an already registered city (e.g. compare's overload phase).
    /// </summary>
    public static PhasePlan Steady(
        string runId, string tag, EntityPopulation entities, EquipmentPopulation equipment, DateTimeOffset epoch, double rate, TimeSpan duration)
    {
        IReadOnlyList<TrafficStream> streams = [new TrafficStream(runId, tag, Everyday(entities, equipment, epoch), RateProfile.Constant(rate))];
        return new PhasePlan(tag, Describe(streams), duration, streams);
    }

    private static CityMix Everyday(EntityPopulation entities, EquipmentPopulation equipment, DateTimeOffset epoch) =>
        new(entities, equipment, epoch, TimeSpan.Zero, LiveWindow, "everyday city traffic, events of the last 6 hours");

    private static string Describe(IReadOnlyList<TrafficStream> streams) => string.Join("; ", streams.Select(s =>
        s.Rate.StartPerSecond == s.Rate.EndPerSecond
            ? $"{s.Generator.Description} at {s.Rate.StartPerSecond:N0}/s"
            : $"{s.Generator.Description}, ramping {s.Rate.StartPerSecond:N0} -> {s.Rate.EndPerSecond:N0}/s"));

    private static int DistrictIndex(SeedCodes codes, string district)
    {
        for (var i = 0; i < codes.Districts.Count; i++)
        {
            if (codes.Districts[i] == district)
            {
                return i;
            }
        }

        throw new UsageException($"--incident-district {district} is not a district of the seeded city; expected one of {string.Join(", ", codes.Districts)}.");
    }
}
