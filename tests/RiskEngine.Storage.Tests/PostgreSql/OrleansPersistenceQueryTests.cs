using Npgsql;
using static RiskEngine.Storage.Tests.PostgreSql.OrleansParameter;

namespace RiskEngine.Storage.Tests.PostgreSql;

/// <summary>The grain-state queries, run with the parameters Orleans.Persistence.AdoNet 10.4.2 binds.</summary>
public sealed class OrleansPersistenceQueryTests(MigratedSchemaFixture fixture) : IClassFixture<MigratedSchemaFixture>
{
    private readonly string _serviceId = "svc-" + Guid.NewGuid().ToString("N");

    /// <summary>The seven identity parameters every persistence key receives; a string key travels whole as the extension.</summary>
    private OrleansParameter[] Identity(string? extension, long n0 = 0, long n1 = 0, string stateName = "entity") =>
    [
        Int("GrainIdHash", HashCode.Combine(n0, n1, extension)),
        Long("GrainIdN0", n0),
        Long("GrainIdN1", n1),
        Int("GrainTypeHash", stateName.GetHashCode(StringComparison.Ordinal)),
        Text("GrainTypeString", stateName),
        Text("GrainIdExtensionString", extension),
        Text("ServiceId", _serviceId),
    ];

    private async Task<int?> WriteAsync(OrleansQueryRunner queries, OrleansParameter[] identity, int? version, byte[] payload)
    {
        var rows = await queries.ReadAsync("WriteToStorageKey", [.. identity, Int("GrainStateVersion", version), Binary("PayloadBinary", payload)]);
        return rows.Count == 0 ? null : (int?)Assert.Single(rows)["NewGrainStateVersion"];
    }

    private static byte[] Json(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task A_grain_state_is_inserted_read_updated_by_version_cleared_and_deleted()
    {
        var queries = await OrleansQueryRunner.LoadAsync(fixture.DataSource);
        var key = Identity("u:420112");

        Assert.Empty(await queries.ReadAsync("ReadFromStorageKey", key));
        Assert.Equal(1, await WriteAsync(queries, key, null, Json("{\"v\":1}")));
        var read = Assert.Single(await queries.ReadAsync("ReadFromStorageKey", key));
        Assert.Equal(Json("{\"v\":1}"), read["PayloadBinary"]);
        Assert.Equal(1, read["Version"]);

        Assert.Equal(2, await WriteAsync(queries, key, 1, Json("{\"v\":2}")));
        Assert.Null(await WriteAsync(queries, key, 1, Json("{\"stale\":true}")));
        Assert.Null(await WriteAsync(queries, key, null, Json("{\"second insert\":true}")));
        Assert.Equal(Json("{\"v\":2}"), Assert.Single(await queries.ReadAsync("ReadFromStorageKey", key))["PayloadBinary"]);

        Assert.Empty(await queries.ReadAsync("ClearStorageKey", [.. key, Int("GrainStateVersion", 1)]));
        var cleared = Assert.Single(await queries.ReadAsync("ClearStorageKey", [.. key, Int("GrainStateVersion", 2)]));
        Assert.Equal(3, cleared[0]);
        var afterClear = Assert.Single(await queries.ReadAsync("ReadFromStorageKey", key));
        Assert.Null(afterClear["PayloadBinary"]);
        Assert.Equal(3, afterClear["Version"]);
        Assert.Equal(4, await WriteAsync(queries, key, 3, Json("{\"v\":4}")));

        Assert.Empty(await queries.ReadAsync("DeleteStorageKey", [.. key, Int("GrainStateVersion", 3)]));
        var deleted = Assert.Single(await queries.ReadAsync("DeleteStorageKey", [.. key, Int("GrainStateVersion", 4)]));
        Assert.NotNull(deleted[0]);
        Assert.NotEqual(4, deleted[0]);
        Assert.Empty(await queries.ReadAsync("ReadFromStorageKey", key));
        Assert.Equal(1, await WriteAsync(queries, key, null, Json("{\"v\":\"again\"}")));
    }

    [Fact]
    public async Task Identities_that_differ_in_any_part_are_separate_records()
    {
        var queries = await OrleansQueryRunner.LoadAsync(fixture.DataSource);
        OrleansParameter[][] keys =
        [
            Identity(null, 7383445245961249331, -4822678189205112),
            Identity(null, 7383445245961249331, -4822678189205113),
            Identity("", 7383445245961249331, -4822678189205112),
            Identity("ext", 7383445245961249331, -4822678189205112),
            Identity(null, 0, 1911),
            Identity("u:777"),
            Identity("u:777", stateName: "equipment"),
        ];

        for (var i = 0; i < keys.Length; i++)
        {
            Assert.Equal(1, await WriteAsync(queries, keys[i], null, [(byte)i]));
        }

        for (var i = 0; i < keys.Length; i++)
        {
            Assert.Equal(new[] { (byte)i }, Assert.Single(await queries.ReadAsync("ReadFromStorageKey", keys[i]))["PayloadBinary"]);
        }
    }

    [Fact]
    public async Task Racing_first_writes_make_one_record_and_every_other_writer_sees_a_conflict()
    {
        var queries = await OrleansQueryRunner.LoadAsync(fixture.DataSource);
        var key = Identity("u:race");

        var versions = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => WriteAsync(queries, key, null, [(byte)i]))));

        Assert.Single(versions, v => v == 1);
        Assert.Equal(11, versions.Count(v => v is null));
        Assert.Single(await queries.ReadAsync("ReadFromStorageKey", key));
    }

    [Fact]
    public async Task A_string_key_is_found_through_the_identity_index_not_by_scanning_its_state_name()
    {
        var queries = await OrleansQueryRunner.LoadAsync(fixture.DataSource);
        await using var connection = await fixture.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var noScans = new NpgsqlCommand("SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off", connection))
        {
            await noScans.ExecuteNonQueryAsync();
        }

        foreach (var extension in new[] { "u:420112", null })
        {
            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN " + queries.Texts["ReadFromStorageKey"];
            foreach (var parameter in Identity(extension))
            {
                var bound = explain.CreateParameter();
                (bound.ParameterName, bound.Value, bound.DbType) = (parameter.Name, parameter.Value ?? DBNull.Value, parameter.Type);
                explain.Parameters.Add(bound);
            }

            var plan = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    plan.Add(reader.GetString(0));
                }
            }

            Assert.Contains(plan, line => line.Contains("Index Cond", StringComparison.Ordinal) && line.Contains("id_ext", StringComparison.Ordinal));
        }
    }
}
