namespace RiskEngine.Domain;

/// <summary>An administrative district (GB/T 2260 code) and its approximate centroid for the map.</summary>
public sealed record District(string Code, string Zh, string En, double Longitude, double Latitude)
{
    internal static District Read(SeedObject json)
    {
        var code = json.Text("code");
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            throw json.Error("code", $"'{code}' is not a 6-digit GB/T 2260 code");
        }
        return new District(code, json.Text("zh"), json.Text("en"), json.Number("longitude", -180, 180), json.Number("latitude", -90, 90));
    }
}
