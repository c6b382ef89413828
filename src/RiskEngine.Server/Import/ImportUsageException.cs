namespace RiskEngine.Server.Import;

/// <summary>The import cannot start as asked (no such file, no identifier column, no key): exit code 2.</summary>
public sealed class ImportUsageException(string message) : Exception(message);
