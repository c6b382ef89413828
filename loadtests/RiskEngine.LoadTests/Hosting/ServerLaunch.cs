namespace RiskEngine.LoadTests.Hosting;

/// <summary>How to start one server: which build, where its data and log go, its credential and extra settings.</summary>
/// <param name="ServerDll">RiskEngine.Server.dll of a Release build.</param>
/// <param name="DataDirectory">A fresh, empty folder for the SQLite files.</param>
/// <param name="LogPath">Where the server's stdout and stderr are kept.</param>
/// <param name="ApiKey">The one credential configured, with scopes ingest and read.</param>
/// <param name="Settings">Further configuration, as ASP.NET Core keys (Section:Key) and values.</param>
/// <param name="Storage">Storage configuration (Section:Key and values) kept out of the reports because it may hold a password; none for SQLite.</param>
public sealed record ServerLaunch(
    string ServerDll,
    string DataDirectory,
    string LogPath,
    string ApiKey,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyDictionary<string, string>? Storage = null);
