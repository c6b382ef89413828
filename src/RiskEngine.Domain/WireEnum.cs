using System.Text.Json;

namespace RiskEngine.Domain;

/// <summary>
/// The lower-case wire names of one enum, read from and written to the API's <c>data</c> objects
/// with errors that list what would have been accepted.
/// </summary>
internal sealed class WireEnum<T> where T : struct, Enum
{
    private readonly Dictionary<string, T> valuesByName;
    private readonly Dictionary<T, string> namesByValue;
    private readonly string expected;

    public WireEnum(params (string Name, T Value)[] names)
    {
        valuesByName = names.ToDictionary(n => n.Name, n => n.Value, StringComparer.OrdinalIgnoreCase);
        namesByValue = names.ToDictionary(n => n.Value, n => n.Name);
        expected = "expected one of " + string.Join(", ", names.Select(n => n.Name));
    }

    public string Name(T value) =>
        namesByValue.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, $"no wire name for {typeof(T).Name}");

    public bool TryParse(string? name, out T value)
    {
        if (name is not null && valuesByName.TryGetValue(name.Trim(), out value))
        {
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>Reads a required field; <paramref name="path"/> names it in the error (e.g. "data.result").</summary>
    public bool TryReadRequired(JsonElement owner, string field, string path, out T value, out string error)
    {
        if (!JsonFields.TryGetPresent(owner, field, out var element))
        {
            value = default;
            error = $"{path}: required, {expected}";
            return false;
        }
        return TryRead(element, path, out value, out error);
    }

    /// <summary>Reads an optional field; absent or null gives null.</summary>
    public bool TryReadOptional(JsonElement owner, string field, string path, out T? value, out string error)
    {
        value = null;
        if (!JsonFields.TryGetPresent(owner, field, out var element))
        {
            error = string.Empty;
            return true;
        }
        if (!TryRead(element, path, out var read, out error))
        {
            return false;
        }
        value = read;
        return true;
    }

    private bool TryRead(JsonElement element, string path, out T value, out string error)
    {
        if (element.ValueKind == JsonValueKind.String && TryParse(element.GetString(), out value))
        {
            error = string.Empty;
            return true;
        }
        value = default;
        error = $"{path}: {expected}";
        return false;
    }
}
