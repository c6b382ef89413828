using System.Text;
using RiskEngine.Server.Tests.Client;

namespace RiskEngine.Server.Tests.Import;

/// <summary>
/// A generated entity registry as a regulator exports it (header line, quoted Chinese names, CRLF), with known bad
/// lines of three kinds: a wrong check character and a wrong field count (refused by the importer), and a district
/// outside the city (refused by the server's per-item answer).
/// </summary>
public sealed class RegistryCsv
{
    private RegistryCsv(string path, IReadOnlyList<string> goodIds, IReadOnlyList<long> badLines)
    {
        Path = path;
        GoodIds = goodIds;
        BadLines = badLines;
    }

    public string Path { get; }

    public IReadOnlyList<string> GoodIds { get; }

    /// <summary>Line numbers of the bad lines, counted as an editor does (the header is line 1).</summary>
    public IReadOnlyList<long> BadLines { get; }

    public static RegistryCsv WriteEntities(string path, int rows, int everyNthBad, Encoding encoding)
    {
        var good = new List<string>();
        var bad = new List<long>();
        using var writer = new StreamWriter(path, append: false, encoding);
        writer.Write("uscc,name,district,industry,creditClass\r\n");
        for (var row = 0; row < rows; row++)
        {
            var line = row + 2L;
            var name = $"\"武汉某某商贸有限公司{row}\"";
            if (row % everyNthBad == everyNthBad - 1)
            {
                bad.Add(line);
                writer.Write((row / everyNthBad % 3) switch
                {
                    0 => $"{TestSubjects.UsccWithWrongCheckCharacter()},{name},420112,catering,B\r\n",
                    1 => $"{TestSubjects.Uscc()},{name},420112\r\n",
                    _ => $"{TestSubjects.Uscc("110101")},{name},110101,catering,B\r\n",
                });
                continue;
            }

            var uscc = TestSubjects.Uscc(row % 2 == 0 ? TestSubjects.Dongxihu : TestSubjects.Wuchang);
            good.Add(uscc);
            writer.Write($"{uscc},{name},,catering,{"ABCD"[row % 4]}\r\n");
        }

        return new RegistryCsv(path, good, bad);
    }
}
