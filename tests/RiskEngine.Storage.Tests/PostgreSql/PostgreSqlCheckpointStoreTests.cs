using RiskEngine.Storage.PostgreSql;

namespace RiskEngine.Storage.Tests.PostgreSql;

public sealed class PostgreSqlCheckpointStoreTests(MigratedSchemaFixture fixture) : IClassFixture<MigratedSchemaFixture>
{
    private readonly string _owner = "silo-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Checkpoints_only_move_forward()
    {
        var checkpoints = new PostgreSqlCheckpointStore(fixture.DataSource);

        await checkpoints.WriteAsync(_owner, 50);
        await checkpoints.WriteAsync(_owner, 20);

        Assert.Equal(50, await checkpoints.ReadAsync(_owner));
        Assert.Equal(0, await checkpoints.ReadAsync(_owner + "-never-written"));
    }

    [Fact]
    public async Task A_checkpoint_moves_back_only_when_asked_to_and_only_backwards()
    {
        var checkpoints = new PostgreSqlCheckpointStore(fixture.DataSource);
        await checkpoints.WriteAsync(_owner, 50);

        await checkpoints.LowerAsync(_owner, 60);
        var unchanged = await checkpoints.ReadAsync(_owner);
        await checkpoints.LowerAsync(_owner, 30);
        var lowered = await checkpoints.ReadAsync(_owner);
        await checkpoints.WriteAsync(_owner, 40);

        Assert.Equal((50, 30, 40), (unchanged, lowered, await checkpoints.ReadAsync(_owner)));
    }

    [Fact]
    public async Task Concurrent_writers_leave_the_highest_position()
    {
        var checkpoints = new PostgreSqlCheckpointStore(fixture.DataSource);

        await Task.WhenAll(Enumerable.Range(1, 40).Select(seq => Task.Run(() => checkpoints.WriteAsync(_owner, seq))));

        Assert.Equal(40, await checkpoints.ReadAsync(_owner));
    }

    [Fact]
    public async Task Every_owner_is_listed_until_it_is_deleted()
    {
        var checkpoints = new PostgreSqlCheckpointStore(fixture.DataSource);
        var gone = _owner + "-gone";
        await checkpoints.WriteAsync(_owner, 7);
        await checkpoints.WriteAsync(gone, 3);

        var before = await checkpoints.ReadAllAsync();
        await checkpoints.DeleteAsync(gone);
        var after = await checkpoints.ReadAllAsync();

        Assert.Equal((7, 3), (before[_owner], before[gone]));
        Assert.Equal(7, after[_owner]);
        Assert.False(after.ContainsKey(gone));
    }
}
