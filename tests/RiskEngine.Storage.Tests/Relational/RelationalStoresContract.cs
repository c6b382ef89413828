using RiskEngine.Domain;
using RiskEngine.Domain.Alerts;
using RiskEngine.Domain.Learning;
using RiskEngine.Storage.Learning;
using RiskEngine.Storage.Alerts;
using RiskEngine.Storage.People;
using RiskEngine.Storage.Relational;
using RiskEngine.Storage.Security;
using RiskEngine.Storage.SpotChecks;
using RiskEngine.Storage.Targets;
using RiskEngine.Domain.SpotChecks;

namespace RiskEngine.Storage.Tests.Relational;

/// <summary>
/// What the people, secret and alert stores promise, run against each real store (SQLite and PostgreSQL) by the
/// subclasses: one set of statements must mean the same on both.
/// </summary>
public abstract class RelationalStoresContract
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    protected abstract RelationalDatabase Database { get; }

    /// <summary>The same store through a connection pool of its own, as another server of a cluster reaches it.</summary>
    protected abstract RelationalDatabase SecondDatabase { get; }

    protected abstract ISubjectDirectory Directory { get; }

    [Fact]
    public async Task Outcomes_are_kept_once_per_signal_and_bounded_and_a_version_number_is_stored_once()
    {
        var store = new ModelStore(Database);
        ModelOutcome Outcome(string subject, long seq, bool positive) => new(
            subject, seq, Start.AddDays(seq), new SubjectComponents("industry:catering", [0.1 * seq, 0, 0.05, 0, 0, 0, 0.5]), positive) { ModelVersion = 1 };
        var subject = "91420112MA4K" + Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var before = await store.BacklogAsync(0);

        Assert.Equal(3, await store.RecordAsync([Outcome(subject, 1, true), Outcome(subject, 2, false), Outcome(subject, 3, false)]));
        Assert.Equal(1, await store.RecordAsync([Outcome(subject, 3, true), Outcome(subject, 4, true)]));
        var (recent, through) = await store.RecentAsync(2);
        Assert.Equal([4L, 3L], recent.Select(o => o.Seq));
        Assert.Equal(Outcome(subject, 3, false).Components.Effects, recent[1].Components.Effects);
        Assert.False(recent[1].Positive);
        Assert.Equal((Start.AddDays(3), 1, "industry:catering"), (recent[1].OccurredAt, recent[1].ModelVersion, recent[1].Category));
        Assert.Equal(before.Count + 4, (await store.BacklogAsync(0)).Count);
        Assert.Equal(0, (await store.BacklogAsync(through)).Count);

        Assert.True(await store.TrimAsync(2) >= 2);
        Assert.Equal(2, (await store.BacklogAsync(0)).Count);

        var version = (await store.CurrentAsync())?.Model.Version + 1 ?? 1;
        var fitted = new FittedModel(version, Start, 4, [new CategoryFit("industry:catering", -2.5, [0.4, 0, 0.1, 0, 0, 0, 0.2], 4, 2)], FittedModel.FitOrigin);
        Assert.True(await store.SaveAsync(new StoredModelVersion(fitted, through)));
        Assert.False(await store.SaveAsync(new StoredModelVersion(fitted with { Origin = "rollback:0" }, through)));
        var current = await store.CurrentAsync();
        Assert.Equal(fitted, current!.Model);
        Assert.Equal(through, current.OutcomesThrough);
        Assert.Equal(fitted, (await store.FindAsync(version))!.Model);
    }

    [Fact]
    public async Task One_plan_per_district_and_month_commits_with_its_tasks_and_a_task_closes_once()
    {
        var store = new InspectionPlanStore(Database);
        var month = "2026-" + Random.Shared.Next(10, 99).ToString(System.Globalization.CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("n")[..6];
        var plan = new InspectionPlanRecord("420112-" + month, "420112", month, "seed-1", SpotCheckDraw.Algorithm,
            new SpotCheckRatios(0.03, 0.1, 0.3, 0.7), new Dictionary<CreditClass, ClassCount> { [CreditClass.A] = new(100, 3), [CreditClass.D] = new(2, 1) },
            "sup", Start);
        InspectionTaskRecord Task(string subject, double score) =>
            new(plan.Id, subject, "店" + subject[^3..], CreditClass.A, RiskLevel.Yellow, score, 0.5, ["420112-01", "420112-02"], null, 0, null);

        Assert.True(await store.CreateAsync(plan, [Task("91420112MA4K000001", 40), Task("91420112MA4K000002", 20)]));
        Assert.False(await store.CreateAsync(plan with { Id = plan.Id + "-again", Seed = "other" }, [Task("91420112MA4K000003", 10)]));

        var found = await store.FindAsync("420112", month);
        Assert.NotNull(found);
        Assert.Equal((plan.Id, "seed-1", new ClassCount(100, 3)), (found.Id, found.Seed, found.Counts[CreditClass.A]));
        Assert.Equal(plan.Ratios, found.Ratios);
        Assert.Null(await store.FindAsync(plan.Id + "-again"));
        Assert.Equal(["91420112MA4K000001", "91420112MA4K000002"], (await store.TasksAsync(plan.Id)).Select(t => t.SubjectId));

        Assert.True(await store.CompleteTaskAsync(plan.Id, "91420112MA4K000001", "issues", 2, Start.AddDays(3)));
        Assert.False(await store.CompleteTaskAsync(plan.Id, "91420112MA4K000001", "pass", 0, Start.AddDays(4)));
        Assert.False(await store.CompleteTaskAsync(plan.Id, "91420112MA4K000009", "pass", 0, Start.AddDays(4)));

        Assert.Equal(new PlanProgress(1, 2, 2), (await store.ProgressAsync([plan.Id]))[plan.Id]);
        var open = await store.OpenTasksAsync(["420112"], 1000);
        Assert.Contains(open, t => t.SubjectId == "91420112MA4K000002" && t.PlanId == plan.Id);
        Assert.DoesNotContain(open, t => t.SubjectId == "91420112MA4K000001" && t.PlanId == plan.Id);
        Assert.Empty(await store.OpenTasksAsync(["420102"], 1000));
        Assert.Contains(await store.ListAsync(["420112"], month), p => p.Id == plan.Id);
        Assert.Empty(await store.ListAsync(["420102"], month));
    }

    [Fact]
    public async Task The_roster_is_seeded_once_maintained_and_a_removed_officer_leaves_the_draws()
    {
        var roster = new InspectorRoster(Database, TimeProvider.System);
        var id = "420113-" + Guid.NewGuid().ToString("n")[..8];
        var officer = new Inspector(id, "王建国", "420113", "汉南区第一监管所", ["91420113MA4K000001"], []);

        Assert.Equal(1, await roster.SeedAsync([officer]));
        Assert.Equal(0, await roster.SeedAsync([officer with { Name = "changed by a restart" }]));
        Assert.Equal("王建国", (await roster.FindAsync(id))!.Name);

        await roster.UpsertAsync(officer with { Affiliations = ["91420113MA4K0000X1"] });
        Assert.Equal(["91420113MA4K0000X1"], (await roster.FindAsync(id))!.Affiliations);

        Assert.True(await roster.RemoveAsync(id));
        Assert.False(await roster.RemoveAsync(id));
        Assert.DoesNotContain(await roster.ListAsync("420113"), i => i.Id == id);
        Assert.Equal(0, await roster.SeedAsync([officer]));
    }

    [Fact]
    public async Task The_target_figures_read_registered_entities_due_units_and_acknowledgement_times_by_district()
    {
        var figures = new TargetFigureStore(Database);
        var district = "420116";
        var before = await figures.CountRegisteredEntitiesAsync([district]);
        await Directory.UpsertEntitiesAsync([new EntityRegistration(
            "9242011673" + Guid.NewGuid().ToString("n")[..7].ToUpperInvariant().Replace('I', '1').Replace('O', '0') + "X", "店", district, "catering", CreditClass.C)]);

        Assert.Equal(before + 1, await figures.CountRegisteredEntitiesAsync([district]));
        Assert.True(await figures.CountRegisteredEntitiesAsync(null) >= before + 1);
        Assert.Equal(0, await figures.CountRegisteredEntitiesAsync([]));
        var (withDueDate, overdue) = await figures.EquipmentDueFiguresAsync(["420199"]);
        Assert.Equal((0L, 0L), (withDueDate, overdue));

        var store = new AlertStore(Database);
        var raised = AlertLifecycle.Raise(null, new AlertTrigger(Rule("high-risk"), 10, RiskLevel.Red, 81.8, Start), SubjectKind.Entity,
            "9242011673" + Guid.NewGuid().ToString("n")[..8].ToUpperInvariant(), "店", district);
        Assert.True(await store.SaveAsync(raised.Next!, raised.Audit!));
        var acknowledged = AlertLifecycle.Acknowledge(raised.Next!, "zhang.wei", null, Start.AddMinutes(4));
        Assert.True(await store.SaveAsync(acknowledged.Next!, acknowledged.Audit!));

        var times = await figures.AcknowledgementsAsync([district], Start.AddSeconds(-1));
        Assert.Contains((Start, (DateTimeOffset?)Start.AddMinutes(4)), times);
        Assert.DoesNotContain(await figures.AcknowledgementsAsync(["420199"], Start.AddSeconds(-1)), t => t.OpenedAt == Start);
    }

    [Fact]
    public async Task The_population_is_the_districts_registered_entities_with_their_credit_class()
    {
        var district = "420117";
        var registered = Enumerable.Range(0, 3).Select(n => new EntityRegistration(
            "9242011773" + Guid.NewGuid().ToString("n")[..6].ToUpperInvariant().Replace('I', '1').Replace('O', '0') + "0" + n, "店" + n, district, "catering", (CreditClass)n)).ToArray();
        await Directory.UpsertEntitiesAsync(registered);

        var population = await new SpotCheckPopulation(Database).ListAsync(district);

        foreach (var entity in registered)
        {
            Assert.Contains(new RegisteredEntity(entity.Uscc, entity.Name, entity.CreditClass), population);
        }
    }

    [Fact]
    public async Task Users_are_unique_by_name_whatever_the_case_and_can_be_updated()
    {
        var users = new UserStore(Database, new SecurityEventLog(Database, TimeProvider.System), TimeProvider.System);
        var name = "Officer-" + Guid.NewGuid().ToString("n")[..8];
        var before = await users.CountAsync();
        SecurityEvent Change(string kind) => new(kind, "contract-test", name.ToLowerInvariant());

        Assert.True(await users.AddAsync(new UserRecord(name, name, "hash-1", "officer", ["420112", "420102"], Start), Change(SecurityEventKinds.UserAdded)));
        Assert.False(await users.AddAsync(new UserRecord(name.ToUpperInvariant(), name, "hash-2", "admin", [], Start), Change(SecurityEventKinds.UserAdded)));
        Assert.True(await users.UpdateAsync(new UserRecord(name, name, "hash-3", "supervisor", [], Start), Change(SecurityEventKinds.UserUpdated)));
        Assert.False(await users.UpdateAsync(new UserRecord("nobody-" + name, name, "hash", "viewer", [], Start), Change(SecurityEventKinds.UserUpdated)));

        var found = await users.FindAsync(name.ToUpperInvariant());
        Assert.NotNull(found);
        Assert.Equal((name.ToLowerInvariant(), "hash-3", "supervisor"), (found.UserName, found.PasswordHash, found.Role));
        Assert.Empty(found.Districts);
        Assert.Equal(before + 1, await users.CountAsync());
        Assert.Contains(await users.ListAsync(), u => u.UserName == name.ToLowerInvariant());
    }

    [Fact]
    public async Task Disabling_and_password_changes_renew_the_stamp_and_are_audited_with_the_revocation()
    {
        var audit = new SecurityEventLog(Database, TimeProvider.System);
        var users = new UserStore(Database, audit, TimeProvider.System);
        var name = "person-" + Guid.NewGuid().ToString("n")[..8];
        SecurityEvent Change(string kind) => new(kind, "contract-test", name);

        Assert.True(await users.AddAsync(new UserRecord(name, name, "hash-1", "viewer", ["420112"], Start, MustChangePassword: true), Change(SecurityEventKinds.UserAdded)));
        var added = (await users.FindAsync(name))!;
        Assert.Equal(32, added.SecurityStamp.Length);
        Assert.True(added.MustChangePassword);

        Assert.True(await users.SetPasswordAsync(name, "hash-2", Change(SecurityEventKinds.PasswordChanged)));
        var changed = (await users.FindAsync(name))!;
        Assert.NotEqual(added.SecurityStamp, changed.SecurityStamp);
        Assert.Equal(("hash-2", false), (changed.PasswordHash, changed.MustChangePassword));

        Assert.True(await users.SetDisabledAsync(name, true, Change(SecurityEventKinds.UserDisabled)));
        var disabled = (await users.FindAsync(name))!;
        Assert.True(disabled.Disabled);
        Assert.NotEqual(changed.SecurityStamp, disabled.SecurityStamp);

        Assert.True(await users.SetDisabledAsync(name, false, Change(SecurityEventKinds.UserEnabled)));
        var enabled = (await users.FindAsync(name))!;
        Assert.False(enabled.Disabled);
        Assert.Equal(disabled.SecurityStamp, enabled.SecurityStamp);
        Assert.False(await users.SetDisabledAsync("nobody-" + name, true, Change(SecurityEventKinds.UserDisabled)));

        var mine = (await audit.ReadAsync(null, 500, null)).Where(e => e.Subject == name).Reverse().Select(e => e.Kind);
        Assert.Equal(
            [SecurityEventKinds.UserAdded, SecurityEventKinds.PasswordChanged, SecurityEventKinds.TokensRevoked,
             SecurityEventKinds.UserDisabled, SecurityEventKinds.TokensRevoked, SecurityEventKinds.UserEnabled],
            mine);
    }

    [Fact]
    public async Task Servers_appending_at_once_keep_one_gapless_chain()
    {
        // Two logs over two connection pools of the one store: as two servers of a cluster append.
        var audits = new[] { new SecurityEventLog(Database, TimeProvider.System), new SecurityEventLog(SecondDatabase, TimeProvider.System) };
        var actor = "racer-" + Guid.NewGuid().ToString("n")[..8];

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            audits[i % 2].AppendAsync([new SecurityEvent(SecurityEventKinds.LoginFailed, actor, actor, "192.0.2." + i, "wrong password")])));

        Assert.Null(await audits[0].VerifyAsync());
        var events = await audits[0].ReadAsync(null, 500, SecurityEventKinds.LoginFailed);
        Assert.Equal(40, events.Count(e => e.Actor == actor));
        var all = await audits[1].ReadAsync(null, 500, null);
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Seq == p.Second.Seq + 1 && p.First.PreviousHash == p.Second.Hash), "the chain has a gap or a fork");
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
        Assert.Equal(2L, (await store.OpenByDistrictAsync())[district]);
        Assert.Equal(90, figures.MeanSecondsToAcknowledge!.Value, precision: 3);
        Assert.Equal(600, figures.MeanSecondsToResolve!.Value, precision: 3);

        // The alert watch pages through what is unresolved, in id order.
        var unresolved = new[] { red.Id, orange.Id }.Order(StringComparer.Ordinal).ToArray();
        var first = await store.ListUnresolvedAsync(district, null, 1);
        var second = await store.ListUnresolvedAsync(district, first[^1].Id, 1);
        var rest = await store.ListUnresolvedAsync(district, second[^1].Id, 1);
        Assert.Equal(unresolved, first.Concat(second).Select(a => a.Id));
        Assert.Empty(rest);
        Assert.Equal(unresolved, (await store.ListUnresolvedAsync(district, null, 100)).Select(a => a.Id));
        Assert.Empty(await store.ListUnresolvedAsync("9" + district, null, 100));
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
