using System.Reflection;

namespace RiskEngine.Storage.Schema;

/// <summary>The SQL scripts shipped inside this assembly.</summary>
public static class SchemaScripts
{
    public static string Read(string relativePath)
    {
        var name = "RiskEngine.Storage.Schema." + relativePath.Replace('/', '.');
        using var stream = typeof(SchemaScripts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Schema script '{relativePath}' is not embedded in {Assembly.GetExecutingAssembly().GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
