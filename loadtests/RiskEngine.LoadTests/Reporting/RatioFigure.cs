namespace RiskEngine.LoadTests.Reporting;

/// <summary>One of the engine's figures divided by a baseline's, measured in the same run on the same machine.</summary>
/// <param name="What">What is compared, e.g. "durable signals/s vs raw append rows/s".</param>
/// <param name="Engine">The engine's figure.</param>
/// <param name="Baseline">The baseline's figure.</param>
/// <param name="Ratio">Engine / baseline.</param>
/// <param name="Meaning">How to read it.</param>
public sealed record RatioFigure(string What, double Engine, double Baseline, double Ratio, string Meaning)
{
    public static RatioFigure Of(string what, double engine, double baseline, string meaning) =>
        new(what, Math.Round(engine, 1), Math.Round(baseline, 1), baseline > 0 ? Math.Round(engine / baseline, 4) : 0, meaning);
}
