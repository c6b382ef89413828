using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.Security;

/// <summary>The data folder a real server process creates is its account's alone.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataFolderTests
{
    [Fact]
    public async Task The_data_folder_the_server_creates_is_readable_by_its_own_account_alone()
    {
        using var parent = new TemporaryDirectory();
        var data = Path.Combine(parent.Path, "riskengine", "data");

        using (await EngineProcess.StartAsync(data))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
            Assert.True(File.Exists(Path.Combine(data, "signals.db")), "the server kept no signal log in its data folder");
        }
    }
}
