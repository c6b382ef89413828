namespace RiskEngine.LoadTests.Workload;

/// <summary>
/// How the generated city's entities spread over Wuhan's districts. The seeds carry no per-district register counts,
/// so the shares follow resident population (2020 census, in units of 10,000, rounded), with the functional zones,
/// which have no code of their own (shared/DOMAIN.md), folded into their host districts: 东湖高新区 into 洪山 and 江夏,
/// 武汉经开区 into 汉南 and 蔡甸. A working assumption: market entities follow people and commerce, not area;
/// replace it with the register's own counts when they are to hand.
/// </summary>
public static class DistrictShares
{
    private static readonly IReadOnlyDictionary<string, double> PopulationTenThousands = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["420102"] = 96, // 江岸
        ["420103"] = 65, // 江汉
        ["420104"] = 67, // 硚口
        ["420105"] = 84, // 汉阳
        ["420106"] = 109, // 武昌
        ["420107"] = 45, // 青山
        ["420111"] = 250, // 洪山, with most of 东湖高新区
        ["420112"] = 86, // 东西湖
        ["420113"] = 45, // 汉南, with part of 武汉经开区
        ["420114"] = 80, // 蔡甸, with part of 武汉经开区
        ["420115"] = 130, // 江夏, with part of 东湖高新区
        ["420116"] = 115, // 黄陂
        ["420117"] = 86, // 新洲
    };

    /// <summary>
    /// A weight for each of <paramref name="districts"/>, in order; a district the table does not know (the seeds
    /// changed) gets the median weight, so it still appears in the generated city.
    /// </summary>
    public static double[] For(IReadOnlyList<string> districts)
    {
        var known = PopulationTenThousands.Values.Order().ToArray();
        var median = known[known.Length / 2];
        return districts.Select(code => PopulationTenThousands.TryGetValue(code, out var weight) ? weight : median).ToArray();
    }
}
