using System.Text;

namespace RiskEngine.Server.Import;

/// <summary>
/// The text encoding of a registry export. Exports from the credit publicity system are UTF-8 (often with a BOM, as
/// Excel writes it); older equipment registers are GB18030. <c>auto</c> takes a BOM at its word, and otherwise reads
/// the start of the file as strict UTF-8: Chinese text in GB18030 is not valid UTF-8 within its first few names.
/// </summary>
public static class CsvEncoding
{
    public const string Auto = "auto";
    public const string Utf8Name = "utf-8";
    public const string Gb18030Name = "gb18030";

    public static readonly string[] Names = [Auto, Utf8Name, Gb18030Name];

    private const int SampleBytes = 1 << 20;

    public static Encoding Resolve(string name, string path) => name.ToLowerInvariant() switch
    {
        Utf8Name or "utf8" => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Gb18030Name => Gb18030(),
        _ => Detect(path),
    };

    private static Encoding Detect(string path)
    {
        using var file = File.OpenRead(path);
        var sample = new byte[SampleBytes];
        var length = file.ReadAtLeast(sample, sample.Length, throwOnEndOfStream: false);
        if (length >= 3 && sample[0] == 0xEF && sample[1] == 0xBB && sample[2] == 0xBF)
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        }

        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
        try
        {
            // flush: false holds back a character cut at the end of the sample instead of calling it invalid.
            strict.GetCharCount(sample, 0, length, flush: length < SampleBytes);
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        }
        catch (DecoderFallbackException)
        {
            return Gb18030();
        }
    }

    private static Encoding Gb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }
}
