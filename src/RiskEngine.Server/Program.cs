using RiskEngine.Server.Hosting;

if (await ServerCommands.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddRiskEngine();
var app = builder.Build();
if (!app.HasValidSettings(Console.Error))
{
    return 1;
}

app.MapRiskEngine();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to tests that host the server in-process.</summary>
public partial class Program;
