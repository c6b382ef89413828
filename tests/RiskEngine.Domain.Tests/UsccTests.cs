using RiskEngine.Domain;

namespace RiskEngine.Domain.Tests;

public sealed class UsccTests
{
    [Theory]
    [InlineData("9135052155323005XL")]
    [InlineData("91350100M000100Y43")]
    [InlineData("  9135052155323005xl  ")] // trimmed and upper-cased
    [InlineData("9135052155323005xl")]
    public void Accepts_valid_codes(string text)
    {
        Assert.True(Uscc.TryParse(text, out var uscc, out var error), error);
        Assert.Equal(text.Trim().ToUpperInvariant(), uscc.Value);
        Assert.Equal(uscc.Value, uscc.ToString());
        Assert.Equal(string.Empty, error);
    }

    [Theory]
    [InlineData(null, "must not be empty")]
    [InlineData("   ", "must not be empty")]
    [InlineData("9135052155323005X", "length must be 18 (got 17)")]
    [InlineData("9135052155323005XLL", "length must be 18 (got 19)")]
    [InlineData("9135I52155323005XL", "character 'I' at position 5 is not allowed")]
    [InlineData("9135O52155323005XL", "character 'O' at position 5 is not allowed")]
    [InlineData("9135S52155323005XL", "character 'S' at position 5 is not allowed")]
    [InlineData("9135V52155323005XL", "character 'V' at position 5 is not allowed")]
    [InlineData("9135Z52155323005XL", "character 'Z' at position 5 is not allowed")]
    [InlineData("91350521553230-5XL", "character '-' at position 15 is not allowed")]
    [InlineData("9135052155323005X0", "check character mismatch: expected 'L', got '0'")]
    [InlineData("0135052155323005XL", "unknown registration authority '0'")]
    [InlineData("91A5052155323005XL", "division code (positions 3-8) must be 6 digits (got 'A50521')")]
    public void Rejects_malformed_codes_saying_why(string? text, string expected)
    {
        Assert.False(Uscc.TryParse(text, out var uscc, out var error));
        Assert.Equal(expected, error);
        Assert.Equal(default, uscc);
    }

    [Fact]
    public void Parse_throws_a_format_exception_carrying_the_reason()
    {
        var exception = Assert.Throws<FormatException>(() => Uscc.Parse("9135052155323005X0"));
        Assert.Contains("check character mismatch", exception.Message);
    }

    [Fact]
    public void Exposes_the_division_code_and_registration_fields()
    {
        var uscc = Uscc.FromBody("91420112MA4K0000X");
        Assert.Equal("420112", uscc.DivisionCode);
        Assert.Equal('9', uscc.RegistrationAuthority);
        Assert.Equal('1', uscc.OrganisationType);
    }

    [Fact]
    public void Does_not_check_the_inner_organisation_code_digit()
    {
        // 55323005-X is a valid GB 11714 code; 55323006-X is not, yet the USCC around it is accepted.
        var uscc = Uscc.FromBody("91350521553230060");
        Assert.Equal(18, uscc.Value.Length);
    }

    [Fact]
    public void FromBody_appends_the_check_character()
    {
        Assert.Equal("9135052155323005XL", Uscc.FromBody("9135052155323005X").Value);
        Assert.Equal('L', Uscc.ComputeCheckCharacter("9135052155323005X"));
    }

    [Fact]
    public void FromBody_rejects_bodies_that_cannot_become_valid()
    {
        Assert.Throws<FormatException>(() => Uscc.FromBody("913505215532300"));
        Assert.Throws<FormatException>(() => Uscc.FromBody("9135I52155323005X"));
        Assert.Throws<FormatException>(() => Uscc.FromBody("0135052155323005X"));
    }

    [Fact]
    public void Matches_the_acceptance_scripts_generator()
    {
        // shared/acceptance/lib/common.sh: uscc 420112 1 => "91420112" + a GB 11714 code for 70000001.
        const string Organisation = "70000001";
        var weighted = Organisation.Select((c, i) => (c - '0') * new[] { 3, 7, 9, 10, 5, 8, 4, 2 }[i]).Sum();
        var check = 11 - weighted % 11;
        var body = "91420112" + Organisation + (check == 10 ? "X" : check == 11 ? "0" : check.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var uscc = Uscc.FromBody(body);
        Assert.True(Uscc.TryParse(uscc.Value, out _, out _));
        Assert.Equal("420112", uscc.DivisionCode);
    }

    [Fact]
    public void Serialises_as_a_plain_string()
    {
        var uscc = Uscc.Parse("9135052155323005XL");
        var json = System.Text.Json.JsonSerializer.Serialize(uscc);
        Assert.Equal("\"9135052155323005XL\"", json);
        Assert.Equal(uscc, System.Text.Json.JsonSerializer.Deserialize<Uscc>(json));
    }
}
