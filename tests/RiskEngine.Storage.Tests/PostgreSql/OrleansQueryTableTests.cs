namespace RiskEngine.Storage.Tests.PostgreSql;

public sealed class OrleansQueryTableTests(MigratedSchemaFixture fixture) : IClassFixture<MigratedSchemaFixture>
{
    // The keys each provider of Orleans 10.4.2 insists on at start-up (shared/ORLEANS-ADONET.md §1), and the optional ones we ship.
    private static readonly string[] Keys =
    [
        "InsertMembershipVersionKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipKey", "UpdateMembershipKey",
        "UpdateIAmAlivetimeKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey", "CleanupDefunctSiloEntriesKey",
        "CleanupDefunctSiloEntryKey",
        "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "UpsertReminderRowKey",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    public static TheoryData<string> RequiredKeys => new(Keys);

    [Theory]
    [MemberData(nameof(RequiredKeys))]
    public async Task The_providers_unquoted_read_finds_every_key(string key)
    {
        var queries = await OrleansQueryRunner.LoadAsync(fixture.DataSource);

        Assert.True(queries.Texts.TryGetValue(key, out var text), $"OrleansQuery has no row '{key}'.");
        Assert.False(string.IsNullOrWhiteSpace(text));
    }

    [Fact]
    public async Task Nothing_but_the_known_keys_is_stored()
    {
        var queries = await OrleansQueryRunner.LoadAsync(fixture.DataSource);

        Assert.Equal(Keys.Order(), queries.Texts.Keys.Order());
    }
}
