namespace RiskEngine.Server.Tests.Hosting;

/// <summary>The API keys every test server is configured with: one per combination of scopes the tests need.</summary>
public static class TestApiKeys
{
    /// <summary>Scopes ingest and read.</summary>
    public const string Full = "test-full-key-0123456789";

    /// <summary>Scope read only: may not post signals or registrations.</summary>
    public const string ReadOnly = "test-read-only-key-0123456789";

    /// <summary>The name <see cref="ReadOnly"/> is configured under (what the security audit records).</summary>
    public const string ReadOnlyName = "reader";

    /// <summary>Scope ingest only: may not read.</summary>
    public const string IngestOnly = "test-ingest-only-key-0123456789";

    /// <summary>A key no server knows.</summary>
    public const string Unknown = "test-unknown-key-0123456789";

    /// <summary>Configuration entries (Auth:ApiKeys:{i}:...) for the keys above.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Configuration() =>
        Entries().SelectMany((entry, i) => Entry(i, entry.Name, entry.Key, entry.Scopes));

    /// <summary>Extra keys with both scopes ("isolated-0", "isolated-1" ...), each with its own rate-limit bucket.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> IsolatedKeys(int count) =>
        Enumerable.Range(0, count).SelectMany(n => Entry(Entries().Count + n, $"isolated-{n}", Isolated(n), ["ingest", "read"]));

    /// <summary>The n-th extra key of <see cref="IsolatedKeys"/>.</summary>
    public static string Isolated(int n) => $"test-isolated-key-{n:D4}-0123456789";

    private static IReadOnlyList<(string Name, string Key, string[] Scopes)> Entries() =>
    [
        ("full", Full, ["ingest", "read"]),
        (ReadOnlyName, ReadOnly, ["read"]),
        ("feeder", IngestOnly, ["ingest"]),
    ];

    private static IEnumerable<KeyValuePair<string, string?>> Entry(int index, string name, string key, string[] scopes)
    {
        yield return new($"Auth:ApiKeys:{index}:Name", name);
        yield return new($"Auth:ApiKeys:{index}:Key", key);
        for (var j = 0; j < scopes.Length; j++)
        {
            yield return new($"Auth:ApiKeys:{index}:Scopes:{j}", scopes[j]);
        }
    }
}
