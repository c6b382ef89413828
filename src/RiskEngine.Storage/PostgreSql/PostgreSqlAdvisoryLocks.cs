namespace RiskEngine.Storage.PostgreSql;

/// <summary>
/// The advisory locks RiskEngine takes, as the first key of PostgreSQL's two-key form
/// <c>pg_advisory_xact_lock(int, int)</c>. Two-key locks never collide with single-key (bigint) ones, so these
/// cannot clash with another application's locks; the second key scopes each lock to one schema or table.
/// </summary>
internal static class PostgreSqlAdvisoryLocks
{
    /// <summary>Held while a migration is checked and applied, so concurrent servers apply each script once.</summary>
    public const int Migrations = 0x52450001;
}
