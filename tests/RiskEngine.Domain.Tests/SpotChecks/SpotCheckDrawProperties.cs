using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RiskEngine.Domain.SpotChecks;

namespace RiskEngine.Domain.Tests.SpotChecks;

/// <summary>The 双随机 draw: counts by the ratios, repeatable by seed, weighted toward risk, no conflicted inspector.</summary>
public sealed class SpotCheckDrawProperties
{
    private static readonly SpotCheckSettings Shipped = SpotCheckSettings.Parse(
        ShippedSeeds.Read(SpotCheckSettings.FileName), ShippedSeeds.Catalog.Districts.Select(d => d.Code).ToArray());

    private static readonly SpotCheckRatios Ratios = Shipped.CityRatios;

    private static readonly IReadOnlyList<Inspector> Roster = Shipped.Roster.Where(i => i.District == "420112").ToArray();

    [Property(MaxTest = 100)]
    public bool Each_class_draws_its_ratio_of_its_population_rounded_half_up(NonNegativeInt a, NonNegativeInt b, NonNegativeInt c, NonNegativeInt d, string seed)
    {
        var registry = Registry(a.Get % 400, b.Get % 400, c.Get % 400, d.Get % 400);
        var outcome = SpotCheckDraw.Draw(seed ?? "", Ratios, registry, Roster);
        return Enum.GetValues<CreditClass>().All(cls =>
        {
            var population = registry.Count(r => r.CreditClass == cls);
            var drawn = outcome.Drawn.Count(x => x.Subject.CreditClass == cls);
            return outcome.Counts[cls] == new ClassCount(population, drawn)
                && Math.Abs(drawn - (population * Ratios.Of(cls))) <= 0.5 + 1e-9;
        });
    }

    [Fact]
    public void Rounding_is_to_the_nearest_entity_halves_up()
    {
        var ratios = new SpotCheckRatios(0.05, 0.1, 0.3, 0.7);
        Assert.Equal(0, ratios.DrawnOf(CreditClass.A, 9));   // 0.45
        Assert.Equal(1, ratios.DrawnOf(CreditClass.A, 10));  // 0.5
        Assert.Equal(2, ratios.DrawnOf(CreditClass.B, 15));  // 1.5
        Assert.Equal(4, ratios.DrawnOf(CreditClass.D, 5));   // 3.5
        Assert.Equal(30, new SpotCheckRatios(0.03, 0, 0, 0).DrawnOf(CreditClass.A, 1000));
    }

    [Property(MaxTest = 50)]
    public bool The_same_seed_over_the_same_registry_draws_the_same_subjects_and_inspectors(string seed, PositiveInt shuffle)
    {
        var registry = Registry(200, 100, 50, 20);
        var shuffled = registry.OrderBy(r => SpotCheckDraw.Uniform(shuffle.Get.ToString(System.Globalization.CultureInfo.InvariantCulture), r.SubjectId)).ToArray();
        var first = SpotCheckDraw.Draw(seed ?? "", Ratios, registry, Roster);
        var again = SpotCheckDraw.Draw(seed ?? "", Ratios, shuffled, Roster.Reverse().ToArray());
        return first.Drawn.Select(Describe).SequenceEqual(again.Drawn.Select(Describe));
    }

    [Fact]
    public void A_different_seed_draws_different_subjects()
    {
        var registry = Registry(500, 200, 100, 30);
        var first = SpotCheckDraw.Draw("2026-12-a", Ratios, registry, Roster).Drawn.Select(d => d.Subject.SubjectId).ToHashSet();
        var differing = Enumerable.Range(0, 20)
            .Select(i => SpotCheckDraw.Draw("2026-12-b" + i, Ratios, registry, Roster).Drawn.Select(d => d.Subject.SubjectId).ToHashSet())
            .Count(other => !other.SetEquals(first));
        Assert.Equal(20, differing);
    }

    [Fact]
    public void Over_many_seeds_risky_subjects_are_drawn_more_often_than_quiet_ones_of_their_class()
    {
        // 100 class-B entities: the first 20 at score 80, the rest at 5; 10 drawn each month.
        var registry = Enumerable.Range(0, 100)
            .Select(n => new SpotCheckCandidate(Id(n), null, CreditClass.B, n < 20 ? 80 : 5, n < 20 ? RiskLevel.Red : RiskLevel.Blue))
            .ToArray();
        var risky = 0;
        var quiet = 0;
        for (var month = 0; month < 400; month++)
        {
            foreach (var drawn in SpotCheckDraw.Draw("seed-" + month, Ratios, registry, Roster).Drawn)
            {
                if (drawn.Subject.Score > 50) risky++; else quiet++;
            }
        }

        // Per subject: a risky one (weight 9) is drawn far more often than a quiet one (weight 1.5); uniform would be 1:1.
        var riskyRate = risky / 20.0;
        var quietRate = quiet / 80.0;
        Assert.True(riskyRate > 2.5 * quietRate, $"risky {riskyRate:0.0} vs quiet {quietRate:0.0} draws per subject over 400 seeds");
        Assert.True(quiet > 0, "quiet subjects must still be drawn sometimes (the draw stays random)");
    }

    [Property(MaxTest = 100)]
    public bool No_inspector_with_a_conflict_is_drawn_and_each_task_gets_two_when_the_roster_allows(string seed, NonNegativeInt recusing)
    {
        var registry = Registry(60, 40, 20, 10);
        // Every third officer declares recusals or is tied to the organisations of some subjects.
        var roster = Roster.Select((inspector, i) => (i % 3) switch
        {
            0 => inspector with { Recusals = registry.Where((_, n) => (n + recusing.Get) % 4 == 0).Select(r => r.SubjectId).ToArray() },
            1 => inspector with { Affiliations = registry.Where((_, n) => (n + recusing.Get) % 5 == 0).Select(r => r.SubjectId).ToArray() },
            _ => inspector,
        }).ToArray();
        var outcome = SpotCheckDraw.Draw(seed ?? "", Ratios, registry, roster);
        return outcome.Drawn.All(d =>
            d.InspectorIds.Count == 2
            && d.InspectorIds.Distinct().Count() == 2
            && d.InspectorIds.All(id => !roster.Single(r => r.Id == id).ConflictsWith(d.Subject.SubjectId)));
    }

    [Fact]
    public void An_affiliation_excludes_the_organisation_and_its_branches_but_not_others()
    {
        var officer = new Inspector("x", "x", "420112", "station", [], ["91420112730000001X"]);
        Assert.True(officer.ConflictsWith("92420112730000001Y"));   // same organisation code, another branch
        Assert.False(officer.ConflictsWith("92420112730000002Y"));
    }

    [Fact]
    public void The_uniform_number_is_the_documented_hash_so_anyone_can_recompute_it()
    {
        // The top 53 bits of the first 8 bytes of sha256("s|k"), plus a half, over 2^53.
        var hash = System.Security.Cryptography.SHA256.HashData("s|k"u8);
        var expected = ((System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) + 0.5) / 9007199254740992.0;
        Assert.Equal(expected, SpotCheckDraw.Uniform("s", "k"));
        Assert.InRange(SpotCheckDraw.Uniform("s", "k"), double.Epsilon, 1 - 1e-16);
    }

    private static string Describe(DrawnSubject d) => d.Subject.SubjectId + ":" + string.Join(",", d.InspectorIds);

    private static string Id(int n) => "9242011273" + n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + "XY";

    private static SpotCheckCandidate[] Registry(int a, int b, int c, int d)
    {
        var counts = new[] { a, b, c, d };
        var registry = new List<SpotCheckCandidate>();
        var n = 0;
        foreach (var cls in Enum.GetValues<CreditClass>())
        {
            for (var i = 0; i < counts[(int)cls]; i++, n++)
            {
                registry.Add(new SpotCheckCandidate(Id(n), null, cls, (n * 37) % 100, RiskLevel.Blue));
            }
        }

        return registry.ToArray();
    }
}
