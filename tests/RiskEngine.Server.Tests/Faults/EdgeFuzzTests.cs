using System.Net;
using System.Text;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.Faults;

/// <summary>
/// Corrupted input at the edge: random and mutated bodies (deep nesting, huge numbers, invalid UTF-8, NUL bytes, cut
/// off JSON, wrong types) sent to every parser that takes a body, on a real Kestrel. Each must be answered with a
/// client error or taken, never a 500, and the server must keep answering. Seeded, so a failure can be replayed.
/// </summary>
public sealed class EdgeFuzzTests(EngineServerFixture fixture) : IClassFixture<EngineServerFixture>
{
    private const int BodiesPerEndpoint = 400;

    public static TheoryData<string, string> Endpoints => new()
    {
        { "/api/v1/signals", "application/json" },
        { "/api/v1/signals", EngineApi.NdjsonMediaType },
        { "/api/v1/entities", "application/json" },
        { "/api/v1/equipment", "application/json" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task No_body_however_broken_is_answered_with_a_server_error(string path, string mediaType)
    {
        using var client = fixture.Server.CreateClient();
        var random = new Random(HashCode.Combine(path.Length, mediaType.Length, 20261204));
        var seeds = ValidBodies(mediaType == EngineApi.NdjsonMediaType);
        var serverErrors = new List<string>();
        for (var i = 0; i < BodiesPerEndpoint; i++)
        {
            var body = Corrupt(seeds[random.Next(seeds.Length)], random);
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
            using var response = await client.PostAsync(path, content);
            if ((int)response.StatusCode >= 500 && response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                serverErrors.Add($"#{i} {(int)response.StatusCode}: {Printable(body)}");
            }
        }

        Assert.True(serverErrors.Count == 0, $"{serverErrors.Count} bodies got a server error, e.g.: {string.Join(" | ", serverErrors.Take(3))}");
        using var health = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static byte[][] ValidBodies(bool ndjson)
    {
        var uscc = TestSubjects.Uscc(TestSubjects.Jiangan);
        string[] items =
        [
            $$$"""{"source":"fuzz","sourceId":"f-1","kind":"complaint","subjectId":"{{{uscc}}}","occurredAt":"2026-12-01T10:00:00+08:00","data":{"category":"food"}}""",
            $$$"""{"source":"fuzz","sourceId":"f-2","kind":"sampling","subjectId":"{{{uscc}}}","occurredAt":"2026-12-01T10:00:00+08:00","data":{"result":"fail","severity":"major"}}""",
            $$"""{"uscc":"{{uscc}}","name":"测试餐馆","district":"420102","industry":"catering","creditClass":"B"}""",
            """{"code":"31104201002026000001","class":"elevator","owner":null,"district":"420106","nextInspectionDue":"2027-01-01"}""",
        ];
        return ndjson
            ? [Encoding.UTF8.GetBytes(string.Join('\n', items))]
            : [Encoding.UTF8.GetBytes("[" + string.Join(',', items) + "]"), .. items.Select(i => Encoding.UTF8.GetBytes("[" + i + "]"))];
    }

    /// <summary>One to four mutations of a valid body.</summary>
    private static byte[] Corrupt(byte[] valid, Random random)
    {
        var body = new List<byte>(valid);
        for (var n = random.Next(1, 5); n > 0; n--)
        {
            var at = body.Count == 0 ? 0 : random.Next(body.Count);
            switch (random.Next(9))
            {
                case 0: // a random byte, often not UTF-8
                    body.Insert(at, (byte)random.Next(256));
                    break;
                case 1: // a NUL
                    body.Insert(at, 0);
                    break;
                case 2: // cut off
                    body.RemoveRange(at, body.Count - at);
                    break;
                case 3: // deep nesting
                    var depth = random.Next(50, 5000);
                    body.InsertRange(at, Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', random.Next(2) * depth)));
                    break;
                case 4: // a huge number
                    body.InsertRange(at, Encoding.UTF8.GetBytes("1" + new string('9', random.Next(20, 400)) + "e999999"));
                    break;
                case 5: // an overlong or lone surrogate encoding
                    body.InsertRange(at, random.Next(2) == 0 ? [0xC0, 0xAF] : [0xED, 0xA0, 0x80]);
                    break;
                case 6: // a value of the wrong type
                    body.InsertRange(at, Encoding.UTF8.GetBytes(random.Next(3) switch { 0 => "true", 1 => "{}", _ => "\"\"" }));
                    break;
                case 7: // a byte dropped
                    if (body.Count > 0)
                    {
                        body.RemoveAt(at);
                    }

                    break;
                default: // a long string
                    body.InsertRange(at, Encoding.UTF8.GetBytes("\"" + new string('x', random.Next(1000, 200_000)) + "\""));
                    break;
            }
        }

        return body.ToArray();
    }

    private static string Printable(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 160));
        return new string(text.Select(c => char.IsControl(c) ? '·' : c).ToArray());
    }
}
