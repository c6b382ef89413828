using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace RiskEngine.Server.Hosting;

/// <summary>
/// Checks the DataAnnotations (<see cref="RangeAttribute"/>, <see cref="RequiredAttribute"/>) on the properties of one
/// configuration section's options, and says what is wrong in the operator's terms: the key as configured, what is
/// allowed, and the value given, e.g. <c>Engine:MaxConcurrentDeliveries must be between 1 and 65536 (was 0)</c>.
/// The source-generated validator would name the C# member instead, and cannot show the value.
/// </summary>
public sealed class SectionValidator<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        List<string>? failures = null;
        foreach (var property in typeof(TOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var value = property.GetValue(options);
            foreach (var rule in property.GetCustomAttributes<ValidationAttribute>())
            {
                if (!rule.IsValid(value))
                {
                    var key = $"{section}:{property.Name}";
                    (failures ??= []).Add($"{key} {Expectation(rule, key)} (was {SettingText.Of(value)})");
                }
            }
        }

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // A range's bounds are read after IsValid, which has parsed bounds given as text (TimeSpans) into values.
    private static string Expectation(ValidationAttribute rule, string key) => rule switch
    {
        RangeAttribute { Maximum: int.MaxValue or long.MaxValue } range => $"must be at least {SettingText.Of(range.Minimum)}",
        RangeAttribute { MinimumIsExclusive: true } range => $"must be over {SettingText.Of(range.Minimum)} and at most {SettingText.Of(range.Maximum)}",
        RangeAttribute range => $"must be between {SettingText.Of(range.Minimum)} and {SettingText.Of(range.Maximum)}",
        RequiredAttribute => "must be set",
        _ => rule.FormatErrorMessage(key),
    };
}
