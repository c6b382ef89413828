using System.Text.Json.Serialization;

namespace RiskEngine.Domain;

/// <summary>
/// 设备代码: the registration code of a special-equipment unit. An instance only holds a validated,
/// trimmed, upper-cased code.
/// </summary>
/// <remarks>
/// Modern codes (TSG 特种设备使用管理规则) are 18 characters: a 4-character variety from the catalogue
/// (e.g. 3110 曳引驱动乘客电梯; some varieties use letters, e.g. 4D00 机械式停车设备), a 5-digit
/// manufacturer, a 4-digit year of manufacture and a 5-digit serial. Units registered before that scheme
/// carry codes in several local layouts that cannot be validated field by field, so any other code of
/// 10-20 characters over [0-9A-Z-] is accepted as long as it starts with a valid class digit: rejecting
/// them would leave most of a city's older elevators without a grain.
/// </remarks>
[JsonConverter(typeof(EquipmentCodeJsonConverter))]
public readonly record struct EquipmentCode
{
    public const int ModernLength = 18;
    public const int MinLength = 10;
    public const int MaxLength = 20;
    public const int MinYear = 1950;
    public const int MaxYear = 2100;

    private readonly string? value;

    private EquipmentCode(string value, EquipmentClass equipmentClass, string variety)
    {
        this.value = value;
        Class = equipmentClass;
        Variety = variety;
    }

    /// <summary>The code; empty for <c>default(EquipmentCode)</c>.</summary>
    public string Value => value ?? string.Empty;

    public EquipmentClass Class { get; }

    /// <summary>
    /// The catalogue variety, e.g. "3110". For an older code whose first four characters are not a
    /// variety, the class-level code ("3000").
    /// </summary>
    public string Variety { get; }

    /// <summary>Whether the code follows the 18-character variety/manufacturer/year/serial layout.</summary>
    public bool IsModern => Value.Length == ModernLength && IsAllDigits(Value.AsSpan(4));

    /// <summary>Year of manufacture for a modern code, otherwise null.</summary>
    public int? ManufactureYear => IsModern ? int.Parse(Value.AsSpan(9, 4), provider: System.Globalization.CultureInfo.InvariantCulture) : null;

    public static bool TryParse(string? text, out EquipmentCode code, out string error)
    {
        code = default;
        var candidate = text?.Trim().ToUpperInvariant() ?? string.Empty;
        if (candidate.Length == 0)
        {
            error = "must not be empty";
            return false;
        }
        for (var i = 0; i < candidate.Length; i++)
        {
            var c = candidate[i];
            if (!char.IsAsciiDigit(c) && !char.IsAsciiLetterUpper(c) && c != '-')
            {
                error = $"character '{c}' at position {i + 1} is not allowed";
                return false;
            }
        }
        if (candidate.Length is < MinLength or > MaxLength)
        {
            error = $"length must be {ModernLength} (or {MinLength}-{MaxLength} for older codes), got {candidate.Length}";
            return false;
        }
        if (!TryClassOf(candidate[0], out var equipmentClass))
        {
            error = $"class digit '{candidate[0]}' (position 1) is not a special-equipment class (1, 2, 3, 4, 5, 6, 8, 9)";
            return false;
        }
        string variety;
        if (candidate.Length == ModernLength && IsAllDigits(candidate.AsSpan(4)))
        {
            if (!IsVariety(candidate.AsSpan(0, 4)))
            {
                error = $"variety '{candidate[..4]}' (positions 1-4) must be a class digit and three digits or capitals";
                return false;
            }
            var year = int.Parse(candidate.AsSpan(9, 4), provider: System.Globalization.CultureInfo.InvariantCulture);
            if (year is < MinYear or > MaxYear)
            {
                error = $"year of manufacture {year} (positions 10-13) is outside {MinYear}-{MaxYear}";
                return false;
            }
            variety = candidate[..4];
        }
        else
        {
            variety = IsAllDigits(candidate.AsSpan(0, 4)) ? candidate[..4] : $"{candidate[0]}000";
        }
        code = new EquipmentCode(candidate, equipmentClass, variety);
        error = string.Empty;
        return true;
    }

    /// <exception cref="FormatException">The text is not a valid equipment code; the message says why.</exception>
    public static EquipmentCode Parse(string text) =>
        TryParse(text, out var code, out var error) ? code : throw new FormatException($"Invalid equipment code '{text}': {error}");

    /// <summary>Builds a modern 18-character code (for generators and fixtures).</summary>
    public static EquipmentCode Create(string variety4, int manufacturer, int year, int serial)
    {
        ArgumentNullException.ThrowIfNull(variety4);
        if (variety4.Length != 4 || !IsVariety(variety4) || !TryClassOf(variety4[0], out _))
        {
            throw new ArgumentException($"variety '{variety4}' must be a class digit and three digits or capitals", nameof(variety4));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(manufacturer);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(manufacturer, 99_999);
        ArgumentOutOfRangeException.ThrowIfLessThan(year, MinYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, MaxYear);
        ArgumentOutOfRangeException.ThrowIfNegative(serial);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(serial, 99_999);
        return Parse(FormattableString.Invariant($"{variety4}{manufacturer:D5}{year:D4}{serial:D5}"));
    }

    /// <summary>The class a catalogue digit stands for, if any.</summary>
    public static bool TryClassOf(char classDigit, out EquipmentClass equipmentClass)
    {
        equipmentClass = default;
        if (!char.IsAsciiDigit(classDigit))
        {
            return false;
        }
        var number = classDigit - '0';
        if (!Enum.IsDefined(typeof(EquipmentClass), number))
        {
            return false;
        }
        equipmentClass = (EquipmentClass)number;
        return true;
    }

    public override string ToString() => Value;

    private static bool IsVariety(ReadOnlySpan<char> variety)
    {
        if (variety.Length != 4 || !char.IsAsciiDigit(variety[0]))
        {
            return false;
        }
        foreach (var c in variety[1..])
        {
            if (!char.IsAsciiDigit(c) && !char.IsAsciiLetterUpper(c))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsAllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }
}
