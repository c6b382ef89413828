namespace RiskEngine.Server.Auth;

/// <summary>Machine credentials (section "Auth"): <c>Auth:ApiKeys:{i}:Name|Key|Scopes:{j}</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public List<ApiKeyEntry> ApiKeys { get; set; } = [];
}

public sealed class ApiKeyEntry
{
    public string Name { get; set; } = "";

    public string Key { get; set; } = "";

    public List<string> Scopes { get; set; } = [];
}

/// <summary>What a credential may do.</summary>
public static class Scopes
{
    public const string ClaimType = "scope";
    public const string Ingest = "ingest";
    public const string Read = "read";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Ingest, Read };
}

/// <summary>Authorization policies of the API.</summary>
public static class Policies
{
    public const string Ingest = "ingest";
    public const string Read = "read";
    public const string ActOnAlerts = "act-on-alerts";
    public const string ManagePlans = "manage-plans";
    public const string ManageModel = "manage-model";
    public const string Administer = "administer";
}
