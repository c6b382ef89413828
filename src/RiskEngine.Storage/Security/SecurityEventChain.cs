using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RiskEngine.Storage.Security;

/// <summary>
/// How the audit's rows are chained: each row's hash is SHA-256 over the previous row's hash followed by the row's
/// canonical form, a compact JSON array <c>[seq, at (unix ms), kind, actor, subject, address, detail]</c>. Changing,
/// removing or reordering a row changes every hash after it, so a check from the start (or the last re-anchor) finds it.
/// </summary>
public static class SecurityEventChain
{
    /// <summary>The "previous hash" of the first row.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string Hash(string previousHash, long seq, DateTimeOffset at, string kind, string actor, string? subject, string? address, string? detail)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write(Encoding.ASCII.GetBytes(previousHash));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            json.WriteNumberValue(seq);
            json.WriteNumberValue(at.ToUnixTimeMilliseconds());
            json.WriteStringValue(kind);
            json.WriteStringValue(actor);
            WriteNullable(json, subject);
            WriteNullable(json, address);
            WriteNullable(json, detail);
            json.WriteEndArray();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private static void WriteNullable(Utf8JsonWriter json, string? value)
    {
        if (value is null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteStringValue(value);
        }
    }
}
