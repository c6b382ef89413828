namespace RiskEngine.Domain.SpotChecks;

/// <summary>
/// The 双随机 settings shipped in seeds/spot-checks.json: the ratio of each credit class a plan inspects (the city's,
/// and any district's own), and the demo roster of inspectors each district starts with.
/// </summary>
public sealed record SpotCheckSettings(SpotCheckRatios CityRatios, IReadOnlyDictionary<string, SpotCheckRatios> DistrictRatios, IReadOnlyList<Inspector> Roster)
{
    public const string FileName = "spot-checks.json";

    /// <summary>The ratios a plan of <paramref name="district"/> uses: its own when configured, else the city's.</summary>
    public SpotCheckRatios RatiosOf(string district) => DistrictRatios.TryGetValue(district, out var own) ? own : CityRatios;

    /// <exception cref="FormatException">Missing or out-of-range field; the message names it.</exception>
    public static SpotCheckSettings Parse(string json, IReadOnlyCollection<string> districtCodes)
    {
        var root = SeedObject.Root(json, FileName);
        var districtRatios = new Dictionary<string, SpotCheckRatios>(StringComparer.Ordinal);
        if (root.Has("districtRatios"))
        {
            var byDistrict = root.Object("districtRatios");
            foreach (var code in byDistrict.FieldNames())
            {
                if (!districtCodes.Contains(code))
                {
                    throw byDistrict.Error(code, "not a district of districts.json");
                }
                districtRatios[code] = ReadRatios(byDistrict.Object(code));
            }
        }

        var roster = new List<Inspector>();
        foreach (var item in root.Has("roster") ? root.Objects("roster") : [])
        {
            var district = item.Text("district");
            if (!districtCodes.Contains(district))
            {
                throw item.Error("district", $"{district} is not a district of districts.json");
            }
            var inspector = new Inspector(item.Text("id"), item.Text("name"), district, item.Text("organisation"),
                item.OptionalTexts("recusals"), item.OptionalTexts("affiliations"));
            if (roster.Any(r => r.Id == inspector.Id))
            {
                throw item.Error("id", $"{inspector.Id} appears twice");
            }
            roster.Add(inspector);
        }

        return new SpotCheckSettings(ReadRatios(root.Object("ratios")), districtRatios, roster);
    }

    private static SpotCheckRatios ReadRatios(SeedObject json) =>
        new(json.Number("A", 0, 1), json.Number("B", 0, 1), json.Number("C", 0, 1), json.Number("D", 0, 1));
}
