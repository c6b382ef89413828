namespace RiskEngine.Storage.PostgreSql;

/// <summary>A schema script could not be applied; <see cref="ScriptName"/> says which one.</summary>
public sealed class PostgreSqlMigrationException : InvalidOperationException
{
    public PostgreSqlMigrationException(string scriptName, string message, Exception? innerException = null)
        : base(message, innerException) => ScriptName = scriptName;

    public string ScriptName { get; }
}
