namespace RiskEngine.LoadTests.CommandLine;

/// <summary>The command line cannot be run as given; the message says what is wrong and how to fix it.</summary>
public sealed class UsageException(string message) : Exception(message);
