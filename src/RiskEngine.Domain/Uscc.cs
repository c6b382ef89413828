using System.Text.Json.Serialization;

namespace RiskEngine.Domain;

/// <summary>
/// 统一社会信用代码 (Unified Social Credit Code, GB 32100-2015): the key of a market entity.
/// An instance only ever holds a code that passed validation, upper-cased and trimmed.
/// </summary>
[JsonConverter(typeof(UsccJsonConverter))]
public readonly record struct Uscc
{
    public const int Length = 18;

    /// <summary>The code's alphabet: digits and capitals without I, O, S, V, Z (easily misread).</summary>
    public const string Charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    // GB 32100-2015 table 1: 1 机构编制, 2 外交, 3 司法行政, 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会,
    // 9 市场监管 (工商), A 中央军委改革和编制办公室, N 农业, Y 其他.
    private const string RegistrationAuthorities = "123456789ANY";

    private readonly string? value;

    private Uscc(string value) => this.value = value;

    /// <summary>The 18-character code; empty for <c>default(Uscc)</c>.</summary>
    public string Value => value ?? string.Empty;

    /// <summary>Positions 3-8: the GB/T 2260 division code of the registering authority, e.g. "420112".</summary>
    public string DivisionCode => Value.Length == Length ? Value.Substring(2, 6) : string.Empty;

    /// <summary>Position 1: the registration authority ('9' = market supervision).</summary>
    public char RegistrationAuthority => Value.Length == Length ? Value[0] : '\0';

    /// <summary>Position 2: the kind of organisation within its authority ('1' enterprise, '2' 个体工商户 ...).</summary>
    public char OrganisationType => Value.Length == Length ? Value[1] : '\0';

    public static bool TryParse(string? text, out Uscc uscc, out string error)
    {
        uscc = default;
        var candidate = text?.Trim().ToUpperInvariant() ?? string.Empty;
        if (candidate.Length == 0)
        {
            error = "must not be empty";
            return false;
        }
        if (candidate.Length != Length)
        {
            error = $"length must be {Length} (got {candidate.Length})";
            return false;
        }
        for (var i = 0; i < candidate.Length; i++)
        {
            if (Charset.IndexOf(candidate[i]) < 0)
            {
                error = $"character '{candidate[i]}' at position {i + 1} is not allowed";
                return false;
            }
        }
        if (RegistrationAuthorities.IndexOf(candidate[0]) < 0)
        {
            error = $"unknown registration authority '{candidate[0]}'";
            return false;
        }
        for (var i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit(candidate[i]))
            {
                error = $"division code (positions 3-8) must be 6 digits (got '{candidate.Substring(2, 6)}')";
                return false;
            }
        }
        var expected = ComputeCheckCharacter(candidate.AsSpan(0, Length - 1));
        if (candidate[Length - 1] != expected)
        {
            error = $"check character mismatch: expected '{expected}', got '{candidate[Length - 1]}'";
            return false;
        }
        // Positions 9-17 carry a GB 11714 organisation code with its own check digit. Real registers
        // hold codes whose inner digit does not verify (legacy assignments), so it is deliberately not checked.
        uscc = new Uscc(candidate);
        error = string.Empty;
        return true;
    }

    /// <exception cref="FormatException">The text is not a valid USCC; the message says why.</exception>
    public static Uscc Parse(string text) =>
        TryParse(text, out var uscc, out var error) ? uscc : throw new FormatException($"Invalid USCC '{text}': {error}");

    /// <summary>The GB 32100 check character for the first 17 characters.</summary>
    /// <exception cref="ArgumentException">Not 17 characters of <see cref="Charset"/>.</exception>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1)
        {
            throw new ArgumentException($"expected {Length - 1} characters, got {first17.Length}", nameof(first17));
        }
        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var digit = Charset.IndexOf(first17[i]);
            if (digit < 0)
            {
                throw new ArgumentException($"character '{first17[i]}' at position {i + 1} is not allowed", nameof(first17));
            }
            sum += digit * Weights[i];
        }
        return Charset[(31 - sum % 31) % 31];
    }

    /// <summary>Completes a 17-character body with its check character (for generators and fixtures).</summary>
    /// <exception cref="FormatException">The completed code is still invalid (bad authority, division, characters).</exception>
    public static Uscc FromBody(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        var body = first17.Trim().ToUpperInvariant();
        if (body.Length != Length - 1)
        {
            throw new FormatException($"USCC body must be {Length - 1} characters (got {body.Length})");
        }
        foreach (var c in body)
        {
            if (Charset.IndexOf(c) < 0)
            {
                throw new FormatException($"USCC body '{body}': character '{c}' is not allowed");
            }
        }
        return Parse(body + ComputeCheckCharacter(body));
    }

    public override string ToString() => Value;
}
