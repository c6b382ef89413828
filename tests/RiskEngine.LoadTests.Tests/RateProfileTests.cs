using RiskEngine.LoadTests.Traffic;

namespace RiskEngine.LoadTests.Tests;

/// <summary>Open-model arrivals follow the offered rate, ramps included.</summary>
public sealed class RateProfileTests
{
    [Fact]
    public void A_constant_rate_offers_its_signals_at_an_even_pace()
    {
        var profile = RateProfile.Constant(1000);
        Assert.Equal(0.2, profile.AfterOffering(0, 10, 200), 9);
        Assert.Equal(5.2, profile.AfterOffering(5, 10, 200), 9);
    }

    [Fact]
    public void A_ramp_offers_its_whole_area_by_the_end_of_the_phase()
    {
        var ramp = new RateProfile(100, 1500);
        var total = ramp.Total(6);
        Assert.Equal(4800, total, 9);
        Assert.Equal(6, ramp.AfterOffering(0, 6, total), 9);
        var earlyGap = ramp.AfterOffering(0, 6, 200) - 0;
        var lateGap = ramp.AfterOffering(5, 6, 200) - 5;
        Assert.True(earlyGap > 5 * lateGap, $"arrivals come faster as the ramp rises: {earlyGap} s early, {lateGap} s late");
    }

    [Fact]
    public void Poisson_arrivals_on_a_ramp_offer_about_its_area()
    {
        var ramp = new RateProfile(100, 1500);
        var random = new Random(3);
        const int batch = 20;
        var arrivals = 0;
        for (var at = ramp.AfterOffering(0, 60, -Math.Log(1 - random.NextDouble()) * batch); at < 60; at = ramp.AfterOffering(at, 60, -Math.Log(1 - random.NextDouble()) * batch))
        {
            arrivals++;
        }

        Assert.InRange(arrivals * batch, ramp.Total(60) * 0.93, ramp.Total(60) * 1.07);
    }
}
