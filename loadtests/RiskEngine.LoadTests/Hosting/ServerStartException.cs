namespace RiskEngine.LoadTests.Hosting;

/// <summary>The server exited, or did not report ready in time, while starting; the message carries its own account.</summary>
/// <param name="message">What happened, with the server's first error and last lines.</param>
/// <param name="firstError">The first error line the server logged, if any: the likely cause.</param>
public sealed class ServerStartException(string message, string? firstError) : Exception(message)
{
    public string? FirstError { get; } = firstError;
}
