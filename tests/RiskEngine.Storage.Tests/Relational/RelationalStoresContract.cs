using RiskEngine.Domain;
using RiskEngine.Domain.Alerts;
using RiskEngine.Storage.Alerts;
using RiskEngine.Storage.People;
using RiskEngine.Storage.Relational;

namespace RiskEngine.Storage.Tests.Relational;

/// <summary>
/// What the people, secret and alert stores promise, run against each real store (SQLite and PostgreSQL) by the
/// subclasses: one set of statements must mean the same on both.
/// </summary>
public abstract class RelationalStoresContract
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    protected abstract RelationalDatabase Database { get; }

    [Fact]
    public async Task Users_are_unique_by_name_whatever_the_case_and_can_be_updated()
    {
        var users = new UserStore(Database, TimeProvider.System);
        var name = "Officer-" + Guid.NewGuid().ToString("n")[..8];
        var before = await users.CountAsync();

        Assert.True(await users.AddAsync(new UserRecord(name, name, "hash-1", "officer", ["420112", "420102"], Start)));
        Assert.False(await users.AddAsync(new UserRecord(name.ToUpperInvariant(), name, "hash-2", "admin", [], Start)));
        Assert.True(await users.UpdateAsync(new UserRecord(name, name, "hash-3", "supervisor", [], Start)));
        Assert.False(await users.UpdateAsync(new UserRecord("nobody-" + name, name, "hash", "viewer", [], Start)));

        var found = await users.FindAsync(name.ToUpperInvariant());
        Assert.NotNull(found);
        Assert.Equal((name.ToLowerInvariant(), "hash-3", "supervisor"), (found.UserName, found.PasswordHash, found.Role));
        Assert.Empty(found.Districts);
        Assert.Equal(before + 1, await users.CountAsync());
        Assert.Contains(await users.ListAsync(), u => u.UserName == name.ToLowerInvariant());
    }

    [Fact]
    public async Task Of_servers_racing_to_create_a_secret_all_get_the_first_one()
    {
        var secrets = new SecretStore(Database, TimeProvider.System);
        var name = "secret-" + Guid.NewGuid().ToString("n");

        var values = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => secrets.GetOrCreateAsync(name, () => "value-" + i)));

        Assert.Single(values.Distinct());
        Assert.Equal(values[0], await secrets.GetOrCreateAsync(name, () => "late"));
    }

    [Fact]
    public async Task An_alert_change_commits_with_its_audit_entry_and_a_stale_writer_loses()
    {
        var store = new AlertStore(Database);
        var opened = Opened("high-risk", RiskLevel.Red, "420112");
        var change = AlertLifecycle.Raise(null, new AlertTrigger(Rule("high-risk"), 10, RiskLevel.Red, 81.8, Start), SubjectKind.Entity, opened.SubjectId, "某某餐饮", "420112");
        Assert.True(await store.SaveAsync(change.Next!, change.Audit!));
        Assert.False(await store.SaveAsync(change.Next!, change.Audit!));

        var acknowledged = AlertLifecycle.Acknowledge(change.Next!, "zhang.wei", "on my way", Start.AddMinutes(3));
        var assigned = AlertLifecycle.Assign(change.Next!, "li.na", "li.na", null, Start.AddMinutes(3));
        Assert.True(await store.SaveAsync(acknowledged.Next!, acknowledged.Audit!));
        Assert.False(await store.SaveAsync(assigned.Next!, assigned.Audit!));

        var loaded = await store.LoadAsync(change.Next!.Id);
        Assert.Equal(acknowledged.Next, loaded);
        var audit = await store.AuditAsync(change.Next!.Id);
        Assert.Equal([("system", "opened", (AlertState?)null, AlertState.Open), ("zhang.wei", "acknowledged", AlertState.Open, AlertState.Acknowledged)],
            audit.Select(e => (e.Actor, e.Action, e.FromState, e.ToState)));
        Assert.Equal("on my way", audit[1].Note);
        Assert.Null(await store.LoadAsync("high-risk.nothing"));
    }

    [Fact]
    public async Task Changes_saved_together_share_a_commit_yet_each_keeps_its_own_guard_and_answer()
    {
        await using var store = new AlertStore(Database);
        var district = "8" + Random.Shared.Next(10_000, 99_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var raises = Enumerable.Range(0, 300).Select(i => AlertLifecycle.Raise(null, new AlertTrigger(Rule("high-risk"), i + 1, RiskLevel.Red, 80, Start),
            SubjectKind.Entity, "91" + district + i.ToString("D10", System.Globalization.CultureInfo.InvariantCulture), null, district)).ToArray();
        Assert.True(await store.SaveAsync(raises[0].Next!, raises[0].Audit!));

        // The first raise again (a stale writer) among 299 new ones, all at once.
        var saved = await Task.WhenAll(raises.Select(r => store.SaveAsync(r.Next!, r.Audit!)));

        Assert.False(saved[0]);
        Assert.All(saved.Skip(1), Assert.True);
        var listed = await store.ListAsync(new AlertQuery([district], null, 1000));
        Assert.Equal(300, listed.Count);
        Assert.Single(await store.AuditAsync(raises[0].Next!.Id));
        Assert.Single(await store.AuditAsync(raises[299].Next!.Id));
    }

    [Fact]
    public async Task Alerts_list_by_district_and_state_most_urgent_first_with_response_times()
    {
        var store = new AlertStore(Database);
        var district = "9" + Random.Shared.Next(10_000, 99_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var orange = await SaveOpenedAsync(store, "complaint-burst", RiskLevel.Orange, district, Start);
        var red = await SaveOpenedAsync(store, "high-risk", RiskLevel.Red, district, Start.AddMinutes(1));
        var done = await SaveOpenedAsync(store, "entrapment", RiskLevel.Red, district, Start.AddMinutes(2));
        var ack = AlertLifecycle.Acknowledge(done, "zhang.wei", null, Start.AddMinutes(2).AddSeconds(90));
        Assert.True(await store.SaveAsync(ack.Next!, ack.Audit!));
        var resolved = AlertLifecycle.Resolve(ack.Next!, "zhang.wei", "fixed", Start.AddMinutes(12));
        Assert.True(await store.SaveAsync(resolved.Next!, resolved.Audit!));

        var all = await store.ListAsync(new AlertQuery([district], null, 100));
        var open = await store.ListAsync(new AlertQuery([district], [AlertState.Open], 100));
        var none = await store.ListAsync(new AlertQuery([], null, 100));
        var figures = (await store.FiguresAsync()).Single(f => f.District == district);

        Assert.Equal([red.Id, orange.Id, done.Id], all.Select(a => a.Id));
        Assert.Equal([red.Id, orange.Id], open.Select(a => a.Id));
        Assert.Empty(none);
        Assert.Equal((2L, 0L, 1L), (figures.Open, figures.Acknowledged, figures.Resolved));
        Assert.Equal(90, figures.MeanSecondsToAcknowledge!.Value, precision: 3);
        Assert.Equal(600, figures.MeanSecondsToResolve!.Value, precision: 3);
        Assert.Contains(red.Id, await store.ListUnresolvedIdsAsync());
        Assert.DoesNotContain(done.Id, await store.ListUnresolvedIdsAsync());
    }

    private static async Task<AlertCase> SaveOpenedAsync(AlertStore store, string rule, RiskLevel level, string district, DateTimeOffset at)
    {
        var subject = "91" + district + Guid.NewGuid().ToString("n")[..10].ToUpperInvariant();
        var change = AlertLifecycle.Raise(null, new AlertTrigger(Rule(rule), 1, level, 50, at), SubjectKind.Entity, subject, null, district);
        Assert.True(await store.SaveAsync(change.Next!, change.Audit!));
        return change.Next!;
    }

    private static AlertCase Opened(string rule, RiskLevel level, string district) =>
        AlertLifecycle.Raise(null, new AlertTrigger(Rule(rule), 1, level, 50, Start), SubjectKind.Entity,
            "91" + district + Guid.NewGuid().ToString("n")[..10].ToUpperInvariant(), null, district).Next!;

    private static AlertRule Rule(string id) =>
        new(id, id, id, AlertTriggerKind.Level, RiskLevel.Orange, RiskLevel.Orange, TimeSpan.FromHours(1), Severity.Minor, 1, TimeSpan.Zero);
}
