using RiskEngine.Domain;
using RiskEngine.LoadTests.Workload;

namespace RiskEngine.LoadTests.Tests;

/// <summary>The generated city has valid, unique codes and the proportions it claims: districts, types, industries, classes, overdue units.</summary>
public sealed class CityPopulationTests
{
    private const int Entities = 60_000;
    private const int Units = 30_000;
    private static readonly SeedCodes Codes = SeedCodes.Load(BuildOutputs.Seeds);
    private static readonly EntityPopulation City = new(Codes, Entities);
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly EquipmentPopulation Register = new(Codes, City, Units, Today);

    [Fact]
    public void Every_entity_has_a_valid_unique_USCC_of_its_district()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < City.Count; i++)
        {
            var text = City.UsccAt(i);
            Assert.True(Uscc.TryParse(text, out var uscc, out var error), $"{text}: {error}");
            Assert.Equal(City.District(i), uscc.DivisionCode);
            Assert.True(seen.Add(text), $"{text} twice");
        }
    }

    [Fact]
    public void Districts_follow_their_shares()
    {
        var weights = DistrictShares.For(Codes.Districts);
        var counts = City.CountByDistrict();
        for (var d = 0; d < Codes.Districts.Count; d++)
        {
            var expected = weights[d] / weights.Sum();
            var actual = (double)counts[Codes.Districts[d]] / Entities;
            Assert.InRange(actual, expected * 0.9, expected * 1.1);
        }
    }

    [Fact]
    public void About_half_are_sole_traders_and_industries_follow_the_seeded_shares()
    {
        var soleTraders = Enumerable.Range(0, Entities).Count(i => City.UsccAt(i)[1] == '2') / (double)Entities;
        Assert.InRange(soleTraders, 0.49, 0.55);
        for (var k = 0; k < Codes.Industries.Count; k++)
        {
            var actual = Enumerable.Range(0, Entities).Count(i => City.Industry(i) == Codes.Industries[k]) / (double)Entities;
            var expected = Codes.IndustryShares[k] / Codes.IndustryShares.Sum();
            Assert.InRange(actual, expected - 0.01, expected + 0.01);
        }
    }

    [Fact]
    public void Every_unit_has_a_valid_unique_modern_code_of_its_class()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Register.Count; i++)
        {
            var text = Register.CodeAt(i);
            Assert.True(EquipmentCode.TryParse(text, out var code, out var error), $"{text}: {error}");
            Assert.True(code.IsModern, text);
            Assert.Equal(Register.Class(i).Code[0], text[0]);
            Assert.True(seen.Add(text), $"{text} twice");
            Assert.Equal(City.District(Register.OwnerIndex(i)), Register.District(i));
        }
    }

    [Fact]
    public void Classes_follow_their_shares_and_some_units_are_overdue()
    {
        var byClass = Register.CountByClass();
        foreach (var seed in Codes.EquipmentClasses.Where(c => c.Share >= 0.01))
        {
            var actual = byClass.GetValueOrDefault(seed.Code) / (double)Units;
            Assert.InRange(actual, seed.Share * 0.85, seed.Share * 1.15);
        }

        var overdue = Register.OverdueCount() / (double)Units;
        Assert.InRange(overdue, EquipmentPopulation.OverdueShare * 0.8, EquipmentPopulation.OverdueShare * 1.2);
        var dueDays = Enumerable.Range(0, Units).Select(i => Register.NextInspectionDue(i).DayNumber - Today.DayNumber).ToArray();
        Assert.True(dueDays.Max() > 300, "due dates should spread over the coming year");
        Assert.True(dueDays.Count(d => d is >= 150 and < 215) > Units / 10, "due dates should not bunch at either end of the year");
    }
}
