using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RiskEngine.Server.Tests.Documentation;

/// <summary>
/// Reads a .http file (the Visual Studio / REST Client format): <c>@name = value</c> variables, requests separated by
/// <c>###</c>, each a request line, headers, a blank line and an optional body. A <c># expect 202</c> comment in a
/// request states the status it should answer with.
/// </summary>
public sealed partial class HttpExampleFile
{
    private HttpExampleFile(string name, IReadOnlyDictionary<string, string> variables, IReadOnlyList<HttpExample> examples)
    {
        Name = name;
        Variables = variables;
        Examples = examples;
    }

    public string Name { get; }

    public IReadOnlyDictionary<string, string> Variables { get; }

    public IReadOnlyList<HttpExample> Examples { get; }

    public static HttpExampleFile Read(string path)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var blocks = new List<List<string>> { new() };
        foreach (var line in File.ReadAllText(path).ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.StartsWith("###", StringComparison.Ordinal))
            {
                blocks.Add([line]);
            }
            else if (VariableLine().Match(line) is { Success: true } variable)
            {
                variables[variable.Groups["name"].Value] = variable.Groups["value"].Value.Trim();
            }
            else
            {
                blocks[^1].Add(line);
            }
        }

        var examples = blocks.Skip(1).Select(block => Parse(block)).ToArray();
        return new HttpExampleFile(Path.GetFileName(path), variables, examples);
    }

    private static HttpExample Parse(List<string> block)
    {
        var title = block[0].TrimStart('#').Trim();
        int? expected = null;
        var lines = new Queue<string>(block.Skip(1));
        while (lines.Count > 0 && (IsComment(lines.Peek()) || lines.Peek().Trim().Length == 0))
        {
            if (ExpectLine().Match(lines.Dequeue()) is { Success: true } expect)
            {
                expected = int.Parse(expect.Groups["status"].Value, CultureInfo.InvariantCulture);
            }
        }

        var requestLine = lines.Count > 0 ? lines.Dequeue().Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        if (requestLine.Length < 2 || expected is null)
        {
            throw new FormatException($"'{title}': expected '# expect <status>' and a request line 'METHOD URL'.");
        }

        var headers = new List<KeyValuePair<string, string>>();
        while (lines.Count > 0 && lines.Peek().Trim().Length > 0)
        {
            var header = lines.Dequeue();
            if (!IsComment(header))
            {
                var colon = header.IndexOf(':', StringComparison.Ordinal);
                headers.Add(new(header[..colon].Trim(), header[(colon + 1)..].Trim()));
            }
        }

        var body = string.Join('\n', lines.Where(l => !IsComment(l))).Trim();
        return new HttpExample(title, requestLine[0], requestLine[1], headers, body.Length == 0 ? null : body, expected.Value);
    }

    /// <summary>Replaces <c>{{name}}</c> with the file's variables, as overridden by <paramref name="overrides"/>.</summary>
    public string Expand(string text, IReadOnlyDictionary<string, string> overrides)
    {
        var result = new StringBuilder(text);
        foreach (var (name, value) in Variables)
        {
            result.Replace("{{" + name + "}}", overrides.TryGetValue(name, out var replacement) ? replacement : value);
        }

        var expanded = result.ToString();
        return expanded.Contains("{{", StringComparison.Ordinal) ? throw new FormatException($"{Name}: unknown variable in '{expanded}'") : expanded;
    }

    private static bool IsComment(string line) => line.TrimStart().StartsWith('#') || line.TrimStart().StartsWith("//", StringComparison.Ordinal);

    [GeneratedRegex(@"^@(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*=(?<value>.*)$")]
    private static partial Regex VariableLine();

    [GeneratedRegex(@"^#\s*expect\s+(?<status>\d{3})\s*$")]
    private static partial Regex ExpectLine();
}

/// <summary>One request of a .http file and the status it should answer with.</summary>
public sealed record HttpExample(string Title, string Method, string Url, IReadOnlyList<KeyValuePair<string, string>> Headers, string? Body, int ExpectedStatus);
