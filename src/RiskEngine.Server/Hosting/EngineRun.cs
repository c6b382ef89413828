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
        try
        {
            await app.RunAsync();
        }
        catch (Exception error) when (Find<Security.AuditChainBrokenException>(error) is { } broken)
        {
            errors.WriteLine(broken.Message);
            return 1;
        }

        return 0;
    }

    private static T? Find<T>(Exception error)
        where T : Exception => error switch
    {
        T found => found,
        AggregateException all => all.InnerExceptions.Select(Find<T>).FirstOrDefault(found => found is not null),
        _ => null,
    };
}
