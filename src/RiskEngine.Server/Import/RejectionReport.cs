using System.Text;

namespace RiskEngine.Server.Import;

/// <summary>
/// The CSV of refused lines (line, id, reason), written in line order as batches are acknowledged, in UTF-8 with a
/// BOM so that spreadsheet programs show the Chinese reasons and names. A resumed run appends to it.
/// </summary>
public sealed class RejectionReport : IDisposable
{
    private readonly StreamWriter _writer;

    public RejectionReport(string path, bool append)
    {
        Path = path;
        var fresh = !append || !File.Exists(path) || new FileInfo(path).Length == 0;
        _writer = new StreamWriter(path, append: !fresh, new UTF8Encoding(encoderShouldEmitUTF8Identifier: fresh));
        if (fresh)
        {
            _writer.WriteLine("line,id,reason");
        }
    }

    public string Path { get; }

    public static string PathFor(string input) => input + ".rejected.csv";

    public void Add(RejectedLine rejected) =>
        _writer.WriteLine($"{rejected.Line},{Field(rejected.Id)},{Field(rejected.Reason)}");

    /// <summary>Makes what was added durable before the checkpoint moves past it.</summary>
    public void Flush() => _writer.Flush();

    public void Dispose() => _writer.Dispose();

    private static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
}
