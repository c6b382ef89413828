using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.Model;

/// <summary>A server that looks for due refits every 200 ms and takes a second without outcomes for the end of a burst.</summary>
public sealed class LearningEngineServerFixture : EngineServerFixture
{
    public const int MinOutcomes = 30;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Model:PollInterval", "00:00:00.200"),
        new("Model:QuietPeriod", "00:00:01"),
        new("Model:MinNewOutcomes", MinOutcomes.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Model:MinCategoryOutcomes", MinOutcomes.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];
}
