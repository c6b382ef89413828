using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RiskEngine.Storage.Schema;

namespace RiskEngine.Storage.PostgreSql;

/// <summary>
/// One numbered schema script, e.g. <c>003-orleans-clustering.sql</c>: applied once, in version order, and recorded
/// with a checksum so an edited script that was already applied is noticed instead of silently skipped.
/// </summary>
public sealed record PostgreSqlMigration(int Version, string Name, string Sql)
{
    private const string ResourcePrefix = "RiskEngine.Storage.Schema.PostgreSql.";

    /// <summary>SHA-256 of the script with line endings normalised, so a checkout with CRLF does not count as a change.</summary>
    public string Checksum => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));

    /// <summary>The scripts embedded under Schema/PostgreSql, in version order.</summary>
    public static IReadOnlyList<PostgreSqlMigration> Embedded { get; } = LoadEmbedded();

    private static PostgreSqlMigration[] LoadEmbedded()
    {
        var migrations = typeof(PostgreSqlMigration).Assembly.GetManifestResourceNames()
            .Where(resource => resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) && resource.EndsWith(".sql", StringComparison.Ordinal))
            .Select(resource => resource[ResourcePrefix.Length..])
            .Select(name => new PostgreSqlMigration(VersionOf(name), name, SchemaScripts.Read("PostgreSql/" + name)))
            .OrderBy(migration => migration.Version)
            .ToArray();
        var repeated = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new InvalidOperationException(
                $"PostgreSQL schema scripts {string.Join(" and ", repeated.Select(m => m.Name))} share version {repeated.Key}.");
        }

        return migrations;
    }

    private static int VersionOf(string name)
    {
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && int.TryParse(name.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : throw new InvalidOperationException($"PostgreSQL schema script '{name}' must be named <version>-<what>.sql, e.g. 001-engine.sql.");
    }
}
