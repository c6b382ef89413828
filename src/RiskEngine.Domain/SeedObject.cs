using System.Globalization;
using System.Text.Json;

namespace RiskEngine.Domain;

/// <summary>
/// One JSON object of a seed file, read field by field so that a bad value fails with the file and the
/// full field path ("risk-model.json: entity.sampling.halfLifeDays: ...") instead of a silent zero.
/// </summary>
internal sealed class SeedObject
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        // Seeds are edited by hand.
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    private readonly JsonElement element;

    private SeedObject(JsonElement element, string file, string path)
    {
        this.element = element;
        File = file;
        Path = path;
    }

    public string File { get; }

    public string Path { get; }

    /// <exception cref="FormatException">Not JSON, or not an object.</exception>
    public static SeedObject Root(string? json, string file)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new FormatException($"{file}: empty");
        }
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json, DocumentOptions);
            root = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new FormatException($"{file}: not valid JSON: {exception.Message}", exception);
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{file}: expected a JSON object at the top level");
        }
        return new SeedObject(root, file, string.Empty);
    }

    public bool Has(string field) => JsonFields.TryGetPresent(element, field, out _);

    public double Number(string field, double min, double max)
    {
        var value = Required(field, JsonValueKind.Number, "a number").GetDouble();
        if (!double.IsFinite(value) || value < min || value > max)
        {
            throw Error(field, FormattableString.Invariant($"{value} is outside {min}..{max}"));
        }
        return value;
    }

    public int Integer(string field, int min, int max)
    {
        var property = Required(field, JsonValueKind.Number, "an integer");
        if (!property.TryGetInt32(out var value))
        {
            throw Error(field, $"expected an integer, got {property.GetRawText()}");
        }
        if (value < min || value > max)
        {
            throw Error(field, string.Create(CultureInfo.InvariantCulture, $"{value} is outside {min}..{max}"));
        }
        return value;
    }

    public string Text(string field)
    {
        var value = Required(field, JsonValueKind.String, "a string").GetString();
        return string.IsNullOrWhiteSpace(value) ? throw Error(field, "must not be empty") : value;
    }

    public SeedObject Object(string field) => new(Required(field, JsonValueKind.Object, "an object"), File, Combine(field));

    public IReadOnlyList<SeedObject> Objects(string field)
    {
        var array = Required(field, JsonValueKind.Array, "an array");
        var items = new List<SeedObject>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var itemPath = string.Create(CultureInfo.InvariantCulture, $"{Combine(field)}[{index}]");
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"{File}: {itemPath}: expected an object");
            }
            items.Add(new SeedObject(item, File, itemPath));
            index++;
        }
        return items;
    }

    /// <summary>An optional array of non-empty strings (empty when absent).</summary>
    public IReadOnlyList<string> OptionalTexts(string field)
    {
        if (!Has(field))
        {
            return [];
        }
        var array = Required(field, JsonValueKind.Array, "an array of strings");
        var items = new List<string>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
            {
                throw Error(field, string.Create(CultureInfo.InvariantCulture, $"item {items.Count} must be a non-empty string"));
            }
            items.Add(item.GetString()!);
        }
        return items;
    }

    /// <summary>The names of this object's fields, for objects used as maps (e.g. a mix of signal kinds).</summary>
    public IEnumerable<string> FieldNames() => element.EnumerateObject().Select(property => property.Name);

    public FormatException Error(string field, string message) => new($"{File}: {Combine(field)}: {message}");

    public FormatException Error(string message) => new($"{File}: {(Path.Length == 0 ? "(top level)" : Path)}: {message}");

    private JsonElement Required(string field, JsonValueKind kind, string expected)
    {
        if (!JsonFields.TryGetPresent(element, field, out var value))
        {
            throw Error(field, $"required ({expected})");
        }
        if (value.ValueKind != kind)
        {
            throw Error(field, $"expected {expected}, got {value.ValueKind.ToString().ToLowerInvariant()}");
        }
        return value;
    }

    private string Combine(string field) => Path.Length == 0 ? field : $"{Path}.{field}";
}
