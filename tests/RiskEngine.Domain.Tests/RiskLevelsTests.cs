using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RiskEngine.Domain;

namespace RiskEngine.Domain.Tests;

public sealed class RiskLevelsTests
{
    private static readonly RiskModelParameters Parameters = ShippedSeeds.Parameters;

    [Theory]
    [InlineData(0, RiskLevel.Blue)]
    [InlineData(24.999, RiskLevel.Blue)]
    [InlineData(25, RiskLevel.Yellow)]
    [InlineData(49.9, RiskLevel.Yellow)]
    [InlineData(50, RiskLevel.Orange)]
    [InlineData(74.9, RiskLevel.Orange)]
    [InlineData(75, RiskLevel.Red)]
    [InlineData(100, RiskLevel.Red)]
    public void Without_a_previous_level_scores_map_to_the_regulators_bands(double score, RiskLevel expected) =>
        Assert.Equal(expected, RiskLevels.Classify(score, null, Parameters));

    [Theory]
    [InlineData(52, RiskLevel.Yellow, RiskLevel.Orange)] // up at once
    [InlineData(80, RiskLevel.Blue, RiskLevel.Red)]
    [InlineData(46, RiskLevel.Orange, RiskLevel.Orange)] // within 5 points below 50: held
    [InlineData(45, RiskLevel.Orange, RiskLevel.Orange)]
    [InlineData(44.9, RiskLevel.Orange, RiskLevel.Yellow)] // out of the band: down
    [InlineData(22, RiskLevel.Red, RiskLevel.Yellow)] // down through orange, held at yellow's band
    [InlineData(19, RiskLevel.Red, RiskLevel.Blue)]
    [InlineData(71, RiskLevel.Red, RiskLevel.Red)]
    public void Levels_rise_at_once_and_fall_only_past_the_hysteresis(double score, RiskLevel previous, RiskLevel expected) =>
        Assert.Equal(expected, RiskLevels.Classify(score, previous, Parameters));

    [Theory]
    [InlineData(RiskLevel.Blue, "blue", "蓝", "低", "low")]
    [InlineData(RiskLevel.Yellow, "yellow", "黄", "一般", "general")]
    [InlineData(RiskLevel.Orange, "orange", "橙", "较大", "high")]
    [InlineData(RiskLevel.Red, "red", "红", "重大", "major")]
    public void Levels_have_wire_and_screen_names(RiskLevel level, string wire, string zh, string zhName, string enName)
    {
        Assert.Equal(wire, level.ToWire());
        Assert.Equal(zh, level.Zh());
        Assert.Equal(zhName, level.ZhName());
        Assert.Equal(enName, level.EnName());
        Assert.True(RiskLevels.TryParseWire(wire, out var parsed));
        Assert.Equal(level, parsed);
    }

    /// <summary>
    /// Scores wandering anywhere within a threshold's band [threshold - hysteresis, threshold + 10) after
    /// first reaching the threshold never drop the level below it; scores wandering within
    /// [threshold - hysteresis, threshold) after starting below never raise it: no flicker either way.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Scores_within_the_band_never_flicker() =>
        Prop.ForAll(
            (from level in Gen.Elements(RiskLevel.Yellow, RiskLevel.Orange, RiskLevel.Red)
             from steps in Gen.ArrayOf(Gen.Choose(0, 1_000), 20)
             select (level, steps)).ToArbitrary(),
            sample =>
            {
                var threshold = Parameters.Levels.LowerBound(sample.level);
                var hysteresis = Parameters.Levels.Hysteresis;
                var fromAbove = (RiskLevel?)RiskLevels.Classify(threshold, null, Parameters);
                var fromBelow = (RiskLevel?)RiskLevels.Classify(threshold - hysteresis, null, Parameters);
                foreach (var step in sample.steps)
                {
                    var inWideBand = threshold - hysteresis + step / 1_000.0 * (hysteresis + 10);
                    var belowThreshold = threshold - hysteresis + step / 1_001.0 * hysteresis;
                    fromAbove = RiskLevels.Classify(Math.Min(inWideBand, 100), fromAbove, Parameters);
                    fromBelow = RiskLevels.Classify(belowThreshold, fromBelow, Parameters);
                    if (fromAbove < sample.level || fromBelow != sample.level - 1)
                    {
                        return false;
                    }
                }
                return true;
            });

    [Property(MaxTest = 300)]
    public bool Classifying_is_stable(byte scoreByte, byte previousByte)
    {
        var score = scoreByte * 100.0 / 255;
        var previous = (RiskLevel)(previousByte % 4);
        var level = RiskLevels.Classify(score, previous, Parameters);
        return RiskLevels.Classify(score, level, Parameters) == level
            && level >= RiskLevels.Classify(score, null, Parameters)
            && (level == RiskLevels.Classify(score, null, Parameters) || level <= previous);
    }
}
