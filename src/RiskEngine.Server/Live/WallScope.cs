namespace RiskEngine.Server.Live;

/// <summary>A scope clients watch: the city, or one district. Its name is also the SignalR group.</summary>
public readonly record struct WallScope(string? District)
{
    public const string CityName = "city";
    public const string DistrictPrefix = "district:";

    public static WallScope City { get; } = new(null);

    public bool IsCity => District is null;

    public string Name => District is null ? CityName : DistrictPrefix + District;

    public static bool TryParse(string? text, out WallScope scope)
    {
        scope = City;
        if (text == CityName)
        {
            return true;
        }

        if (text is not null && text.StartsWith(DistrictPrefix, StringComparison.Ordinal) && text.Length == DistrictPrefix.Length + 6
            && text.AsSpan(DistrictPrefix.Length).IndexOfAnyExceptInRange('0', '9') < 0)
        {
            scope = new WallScope(text[DistrictPrefix.Length..]);
            return true;
        }

        return false;
    }

    public static string GroupOf(string district) => DistrictPrefix + district;
}
