using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using nietras.SeparatedValues;

namespace RiskEngine.Server.Import;

/// <summary>
/// Reads a registry CSV into <see cref="RegistryBatch"/>es: columns found by their header names (in any order, any
/// case; unknown ones ignored), each row checked and written as one NDJSON item, line numbers as a text editor counts
/// them (the header is line 1).
/// </summary>
public sealed class RegistryFile
{
    private static readonly JsonWriterOptions JsonOptions = new()
    {
        // The body is read by the server's JSON parser, never embedded in a page: Chinese names travel as UTF-8, a third
        // of the size of \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private readonly RegistryKind _kind;
    private readonly string _path;
    private readonly Encoding _encoding;

    private RegistryFile(RegistryKind kind, string path, Encoding encoding)
    {
        _kind = kind;
        _path = path;
        _encoding = encoding;
    }

    public long Length => new FileInfo(_path).Length;

    public string EncodingName => _encoding.WebName;

    /// <summary>Opens the file and checks its header; throws <see cref="ImportUsageException"/> when it cannot be imported at all.</summary>
    public static RegistryFile Open(RegistryKind kind, string path, string encodingName)
    {
        if (!File.Exists(path))
        {
            throw new ImportUsageException($"no such file: {path}");
        }

        var file = new RegistryFile(kind, path, CsvEncoding.Resolve(encodingName, path));
        using var reader = file.OpenReader(out _);
        file.MapColumns(reader.Header.ColNames);
        return file;
    }

    /// <summary>
    /// Reads the rows after <paramref name="afterLine"/> in batches of at most <paramref name="batchSize"/> items and
    /// hands each to <paramref name="send"/> (which may block to hold the reader back).
    /// </summary>
    public void ReadBatches(long afterLine, int batchSize, Action<RegistryBatch> send, CancellationToken cancellationToken)
    {
        using var reader = OpenReader(out var stream);
        var columnOf = MapColumns(reader.Header.ColNames);
        var headerCount = reader.Header.ColNames.Count;
        var fields = new string?[_kind.Columns.Count];
        var body = new ArrayBufferWriter<byte>(batchSize * 160);
        using var json = new Utf8JsonWriter(body, JsonOptions);
        var lines = new List<long>(batchSize);
        var ids = new List<string>(batchSize);
        var refused = new List<RejectedLine>();
        long sequence = 0, lastLine = afterLine;

        void Flush(long throughByte)
        {
            send(new RegistryBatch(sequence++, body.WrittenSpan.ToArray(), [.. lines], [.. ids], [.. refused], lastLine, throughByte));
            body.ResetWrittenCount();
            lines.Clear();
            ids.Clear();
            refused.Clear();
        }

        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            if (line <= afterLine)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            lastLine = row.LineNumberToExcl - 1;
            if (row.ColCount == 1 && row[0].Span.Trim().IsEmpty)
            {
                continue;
            }

            var idColumn = columnOf[0];
            var id = idColumn < row.ColCount ? row[idColumn].ToString().Trim() : "";
            if (row.ColCount != headerCount)
            {
                refused.Add(new RejectedLine(line, id, $"expected {headerCount} fields as in the header, found {row.ColCount}"));
                continue;
            }

            for (var i = 0; i < fields.Length; i++)
            {
                var text = columnOf[i] < 0 ? "" : row[columnOf[i]].ToString().Trim();
                fields[i] = text.Length == 0 ? null : text;
            }

            json.Reset(body);
            if (_kind.TryWrite(fields, json, out var error))
            {
                json.Flush();
                body.Write("\n"u8);
                lines.Add(line);
                ids.Add(id);
                if (lines.Count == batchSize)
                {
                    // Where the reader is in the file (it reads ahead by its buffers): enough for a progress bar.
                    Flush(stream.Position);
                }
            }
            else
            {
                refused.Add(new RejectedLine(line, id, error));
            }
        }

        // Sep closes the file once it has read its end.
        if (lines.Count > 0 || refused.Count > 0)
        {
            Flush(Length);
        }
    }

    private SepReader OpenReader(out Stream stream)
    {
        stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var text = new StreamReader(stream, _encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        try
        {
            return Sep.New(',').Reader(o => o with { HasHeader = true, Unescape = true, DisableColCountCheck = true }).From(text);
        }
        catch (Exception error) when (error is InvalidDataException or ArgumentException)
        {
            text.Dispose();
            throw new ImportUsageException($"{_path}: not a CSV file with a header line ({error.Message})");
        }
    }

    // For each of the kind's columns, its index in the file, or -1 when the file has none.
    private int[] MapColumns(IReadOnlyList<string> header)
    {
        var names = header.Select(h => h.Trim()).ToList();
        var columnOf = _kind.Columns.Select(c => names.FindIndex(h => string.Equals(h, c, StringComparison.OrdinalIgnoreCase))).ToArray();
        if (columnOf[0] < 0)
        {
            throw new ImportUsageException(
                $"{_path}: the header has no '{_kind.Columns[0]}' column; {_kind.Name} files name their columns {string.Join(",", _kind.Columns)} (found: {string.Join(",", names)})");
        }

        return columnOf;
    }
}
