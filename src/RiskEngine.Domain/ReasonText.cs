using System.Globalization;

namespace RiskEngine.Domain;

/// <summary>Number formats shared by the reasons' Chinese and English texts (culture-invariant).</summary>
internal static class ReasonText
{
    public static string Percent(double fraction) => (fraction * 100).ToString(fraction < 0.1 ? "0.#" : "0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A multiple such as "4" or "2.5" (as in "4x the usual rate").</summary>
    public static string Multiple(double ratio) => ratio.ToString(ratio >= 10 ? "0" : "0.#", CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether "Nx the usual rate" says something true: for a single event, or a count near the usual,
    /// the multiple overstates it and the text gives the expected count instead.
    /// </summary>
    public static bool IsNotableMultiple(int count, double ratio) => count > 1 && ratio >= 1.5;

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset at, TimeSpan localOffset) => at.ToOffset(localOffset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"1 fault", "3 faults".</summary>
    public static string Count(int count, string singular, string plural) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? singular : plural)}");
}
