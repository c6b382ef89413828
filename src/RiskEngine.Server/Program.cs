using RiskEngine.Server.Hosting;

return await ServerCommandLine.InvokeAsync(args, Console.In, Console.Out, Console.Error);

/// <summary>The entry point, visible to tests that host the server in-process.</summary>
public partial class Program;
