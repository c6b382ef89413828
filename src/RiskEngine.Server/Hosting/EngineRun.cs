namespace RiskEngine.Server.Hosting;

/// <summary>Runs the engine (what the executable does when no command is named) until the host is stopped.</summary>
public static class EngineRun
{
    public static async Task<int> RunAsync(string[] configurationArgs, TextWriter errors)
    {
        var builder = WebApplication.CreateBuilder(configurationArgs);
        builder.AddRiskEngine();
        var app = builder.Build();
        if (!app.HasValidSettings(errors))
        {
            return 1;
        }

        app.MapRiskEngine();
        await app.RunAsync();
        return 0;
    }
}
