namespace RiskEngine.Server.Import;

/// <summary>The import had to stop before the end (server gone, key refused); what was acknowledged is kept for --resume.</summary>
public sealed class ImportStoppedException(string message) : Exception(message);
