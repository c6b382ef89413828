namespace RiskEngine.Domain;

/// <summary>
/// The more surprising of a burst component's two windows: how many events fell in it, how many were
/// expected, and the resulting probability.
/// </summary>
internal readonly record struct BurstWindow(double Days, int Count, double Expected, double Probability)
{
    public double Ratio => Count / Expected;

    /// <summary>Reads both windows over the events' times; <paramref name="ratePer30Days"/> is the usual rate.</summary>
    public static BurstWindow MostSurprising(IEnumerable<RiskEvent> events, double ratePer30Days, BurstParameters parameters, DateTimeOffset now)
    {
        int inShort = 0, inLong = 0;
        foreach (var e in events)
        {
            var age = EvidenceDecay.AgeDays(e.OccurredAt, now);
            inShort += age < parameters.WindowDays ? 1 : 0;
            inLong += age < parameters.LongWindowDays ? 1 : 0;
        }
        var shortWindow = Of(parameters.WindowDays, inShort, ratePer30Days, parameters);
        var longWindow = Of(parameters.LongWindowDays, inLong, ratePer30Days, parameters);
        // Ties go to the short window: a burst is the more telling way to say it.
        return longWindow.Probability > shortWindow.Probability ? longWindow : shortWindow;
    }

    private static BurstWindow Of(double days, int count, double ratePer30Days, BurstParameters parameters)
    {
        var expected = ratePer30Days * days / 30;
        return new BurstWindow(days, count, expected, PoissonSurprise.Probability(count, expected, parameters));
    }
}
