using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Contract;
using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.Districts;

/// <summary>A subject moved to another district leaves the old one's aggregates, even when its grain was not in memory.</summary>
public sealed class DistrictMoveAfterRestartTests
{
    [Fact]
    public async Task An_entity_moved_after_a_restart_leaves_its_old_district()
    {
        using var data = new TemporaryDirectory();
        var entity = TestSubjects.Uscc(TestSubjects.Dongxihu);
        var signals = SignalJson.ForNewSource();
        await using (var first = await EngineServer.StartAsync(dataDirectory: data.Path))
        {
            using var api = new EngineApi(first.CreateClient());
            await api.RegisterAsync(Registrations.EntitiesPath, Registrations.Entities(Registrations.Entity(entity, "搬家餐馆")));
            var history = signals.RiskyHistory(entity).ToArray();
            await api.IngestAsync(history);
            await api.WaitForEntityAsync(entity, history.Length);
            await Eventually.ReadAsync(() => api.GetAsync<DistrictView>($"/api/v1/districts/{TestSubjects.Dongxihu}"), d => d.Top.Any(s => s.Id == entity), "Dongxihu ranks the entity");
        }

        await using var second = await EngineServer.StartAsync(dataDirectory: data.Path);
        using var restarted = new EngineApi(second.CreateClient());
        var moved = await restarted.RegisterAsync(Registrations.EntitiesPath, Registrations.Entities(Registrations.Entity(entity, "搬家餐馆", district: TestSubjects.Jiangan)));

        Assert.Equal(1, moved.Updated);
        var read = await restarted.GetEntityAsync(entity);
        var old = await restarted.GetAsync<DistrictView>($"/api/v1/districts/{TestSubjects.Dongxihu}");
        var current = await restarted.GetAsync<DistrictView>($"/api/v1/districts/{TestSubjects.Jiangan}");
        Assert.Equal(TestSubjects.Jiangan, read.District);
        Assert.Contains(current.Top, s => s.Id == entity);
        Assert.DoesNotContain(old.Top, s => s.Id == entity);
        Assert.Equal(0, old.Total);
        Assert.Equal(0, old.Counts.Sum);
    }
}
