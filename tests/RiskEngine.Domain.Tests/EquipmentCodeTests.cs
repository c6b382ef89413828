using RiskEngine.Domain;

namespace RiskEngine.Domain.Tests;

public sealed class EquipmentCodeTests
{
    [Theory]
    [InlineData("311012345201800001", EquipmentClass.Elevator, "3110", true)]
    [InlineData("110000001199900042", EquipmentClass.Boiler, "1100", true)]
    [InlineData("230099999210099999", EquipmentClass.PressureVessel, "2300", true)]
    [InlineData("4D0000123202300007", EquipmentClass.Crane, "4D00", true)] // 机械式停车设备: a lettered variety
    [InlineData("  311012345201800001 ", EquipmentClass.Elevator, "3110", true)]
    [InlineData("31104201002005000123", EquipmentClass.Elevator, "3110", false)] // 20-digit pre-2017 register code
    [InlineData("3110420100", EquipmentClass.Elevator, "3110", false)]
    [InlineData("5-WH-2008-0012", EquipmentClass.SiteVehicle, "5000", false)]
    [InlineData("9100ab12345678", EquipmentClass.Ropeway, "9100", false)] // lower case accepted
    [InlineData("80001950000000000001", EquipmentClass.PressurePiping, "8000", false)]
    [InlineData("6100-2010-0042", EquipmentClass.AmusementRide, "6100", false)]
    public void Accepts_modern_and_older_codes(string text, EquipmentClass expectedClass, string expectedVariety, bool modern)
    {
        Assert.True(EquipmentCode.TryParse(text, out var code, out var error), error);
        Assert.Equal(text.Trim().ToUpperInvariant(), code.Value);
        Assert.Equal(expectedClass, code.Class);
        Assert.Equal(expectedVariety, code.Variety);
        Assert.Equal(modern, code.IsModern);
        Assert.Equal(code.Value, code.ToString());
    }

    [Theory]
    [InlineData(null, "must not be empty")]
    [InlineData("", "must not be empty")]
    [InlineData("31101", "length must be 18 (or 10-20 for older codes), got 5")]
    [InlineData("311012345201800001234", "length must be 18 (or 10-20 for older codes), got 21")]
    [InlineData("711012345201800001", "class digit '7' (position 1) is not a special-equipment class (1, 2, 3, 4, 5, 6, 8, 9)")]
    [InlineData("011012345201800001", "class digit '0' (position 1) is not a special-equipment class (1, 2, 3, 4, 5, 6, 8, 9)")]
    [InlineData("F00012345201800001", "class digit 'F' (position 1) is not a special-equipment class (1, 2, 3, 4, 5, 6, 8, 9)")]
    [InlineData("311012345300000001", "year of manufacture 3000 (positions 10-13) is outside 1950-2100")]
    [InlineData("311012345194900001", "year of manufacture 1949 (positions 10-13) is outside 1950-2100")]
    [InlineData("3110 12345 2018 01", "character ' ' at position 5 is not allowed")]
    [InlineData("3110_1234520180001", "character '_' at position 5 is not allowed")]
    public void Rejects_invalid_codes_saying_why(string? text, string expected)
    {
        Assert.False(EquipmentCode.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Create_builds_a_modern_code()
    {
        var code = EquipmentCode.Create("3110", 123, 2019, 42);
        Assert.Equal("311000123201900042", code.Value);
        Assert.True(code.IsModern);
        Assert.Equal(2019, code.ManufactureYear);
        Assert.Equal(EquipmentClass.Elevator, code.Class);
    }

    [Fact]
    public void Create_rejects_out_of_range_parts()
    {
        Assert.Throws<ArgumentException>(() => EquipmentCode.Create("7100", 1, 2019, 1));
        Assert.Throws<ArgumentException>(() => EquipmentCode.Create("311", 1, 2019, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => EquipmentCode.Create("3110", 100_000, 2019, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => EquipmentCode.Create("3110", 1, 1900, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => EquipmentCode.Create("3110", 1, 2019, -1));
    }

    [Fact]
    public void Every_seeded_variety_makes_a_valid_code_of_its_class()
    {
        foreach (var classInfo in ShippedSeeds.Catalog.EquipmentClasses)
        {
            foreach (var variety in classInfo.Varieties)
            {
                var code = EquipmentCode.Create(variety, 1, 2020, 1);
                Assert.Equal(classInfo.Class, code.Class);
                Assert.Equal(variety, code.Variety);
            }
        }
    }

    [Fact]
    public void Parse_throws_a_format_exception_carrying_the_reason()
    {
        var exception = Assert.Throws<FormatException>(() => EquipmentCode.Parse("711012345201800001"));
        Assert.Contains("class digit '7'", exception.Message);
    }
}
