namespace RiskEngine.LoadTests.CommandLine;

/// <summary>The <c>--postgres</c> option every command shares: required (from the option or the environment) with <c>--storage postgres</c>, refused otherwise.</summary>
public static class PostgresConnectionOption
{
    public const string Name = "postgres";

    /// <summary>The connection string to use, or null when the storage is not PostgreSQL.</summary>
    /// <exception cref="UsageException">Missing or malformed with PostgreSQL storage, or given without it.</exception>
    public static string? Parse(IReadOnlyDictionary<string, string> values, StorageMode storage, string storageOption)
    {
        if (storage != StorageMode.Postgres)
        {
            return values.ContainsKey(Name)
                ? throw new UsageException($"--{Name} only applies with --{storageOption} postgres.")
                : null;
        }

        var postgres = values.TryGetValue(Name, out var given) ? given : Environment.GetEnvironmentVariable(IngestCommandLine.PostgresEnvironmentVariable);
        if (string.IsNullOrWhiteSpace(postgres))
        {
            throw new UsageException(
                $"--{storageOption} postgres needs a connection string: pass --{Name} \"Host=...;Database=...;Username=...\" or set {IngestCommandLine.PostgresEnvironmentVariable}.");
        }

        try
        {
            _ = new Npgsql.NpgsqlConnectionStringBuilder(postgres);
        }
        catch (ArgumentException error)
        {
            throw new UsageException($"--{Name}: not a valid PostgreSQL connection string ({error.Message}).");
        }

        return postgres;
    }
}
