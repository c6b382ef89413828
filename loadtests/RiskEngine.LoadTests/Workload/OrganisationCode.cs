using System.Globalization;

namespace RiskEngine.LoadTests.Workload;

/// <summary>GB 11714 organisation codes: eight digits and their check character, positions 9-17 of a USCC.</summary>
public static class OrganisationCode
{
    private static readonly int[] Weights = [3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>The nine-character code for an eight-digit body, e.g. 70000001 -> "70000001" + check.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The body has more than eight digits.</exception>
    public static string WithCheckDigit(int body)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(body);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(body, 99_999_999);
        var digits = body.ToString("D8", CultureInfo.InvariantCulture);
        var sum = 0;
        for (var i = 0; i < Weights.Length; i++)
        {
            sum += (digits[i] - '0') * Weights[i];
        }

        var check = 11 - sum % 11;
        return digits + check switch
        {
            10 => 'X',
            11 => '0',
            _ => (char)('0' + check),
        };
    }
}
