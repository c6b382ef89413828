namespace RiskEngine.Server.Auth;

/// <summary>People's roles, least to most privileged.</summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Officer = "officer";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Viewer, Officer, Supervisor, Admin];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);

    /// <summary>Roles that may act on alerts (acknowledge, assign, resolve).</summary>
    public static readonly string[] Acting = [Officer, Supervisor, Admin];

    /// <summary>Roles that receive escalations.</summary>
    public static readonly string[] Supervising = [Supervisor, Admin];
}
