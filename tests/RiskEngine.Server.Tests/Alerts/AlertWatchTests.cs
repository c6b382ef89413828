using Microsoft.Data.Sqlite;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Hosting;
using RiskEngine.Server.Tests.People;

namespace RiskEngine.Server.Tests.Alerts;

/// <summary>
/// Open alerts are watched by one reminder per district, not one each: the embedded state file holds a watch per
/// district and no reminder of any alert, even with alerts open, and rows the per-alert watch left behind are removed.
/// </summary>
public sealed class AlertWatchTests
{
    private const string LegacyAlertReminder = "alert/high-risk.91420112MA4KXXXX0X";

    [Fact]
    public async Task Each_district_has_one_alert_watch_and_no_alert_has_a_reminder_of_its_own()
    {
        using var data = new TemporaryDirectory();
        await using (await EngineServer.StartAsync(dataDirectory: data.Path))
        {
        }

        // A reminder row as the per-alert watch left it in a state file of an earlier version.
        var state = Path.Combine(data.Path, "state.db");
        var serviceId = await ScalarAsync<string>(state, "SELECT service_id FROM reminder LIMIT 1");
        await ExecuteAsync(state,
            "INSERT INTO reminder (service_id, grain_id, reminder_name, start_time, period, grain_hash, version) " +
            $"VALUES ('{serviceId}', '{LegacyAlertReminder}', 'watch', '2026-12-01T00:00:00.0000000Z', 60000, 1, 0)");

        await using var server = await EngineServer.StartAsync(dataDirectory: data.Path);
        var (_, _, client) = await PeopleAccounts.SignInAsync(server, "officer", TestSubjects.Dongxihu);
        var alert = await AlertLifecycleTests.OpenRedAlertAsync(server, new AlertApi(client));
        client.Dispose();

        Assert.Equal(13L, await ScalarAsync<long>(state, "SELECT count(*) FROM reminder WHERE reminder_name = 'alert-watch'"));
        Assert.Equal(0L, await ScalarAsync<long>(state, "SELECT count(*) FROM reminder WHERE grain_id LIKE 'alert/%'"));
        Assert.StartsWith("high-risk.", alert.Id, StringComparison.Ordinal);
    }

    private static async Task<T> ScalarAsync<T>(string file, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
