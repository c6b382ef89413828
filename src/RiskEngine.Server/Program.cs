using RiskEngine.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddRiskEngine();
var app = builder.Build();
app.MapRiskEngine();
await app.RunAsync();

/// <summary>The entry point, visible to tests that host the server in-process.</summary>
public partial class Program;
