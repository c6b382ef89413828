using System.Text.Json;
using RiskEngine.LoadTests.Wall;

namespace RiskEngine.LoadTests.Tests;

/// <summary>Wall frames are read the same whichever hub protocol delivered them.</summary>
public sealed class WallFrameReaderTests
{
    private static readonly DateTimeOffset Ingested = new(2026, 11, 23, 5, 30, 0, 250, TimeSpan.Zero);

    [Fact]
    public void Reads_a_JSON_protocol_frame()
    {
        using var document = JsonDocument.Parse("""
            {"scope":"city","version":42,"generatedAt":"2026-11-23T05:30:01Z","maxIngestedAt":"2026-11-23T05:30:00.250Z",
             "counts":{"blue":1,"yellow":0,"orange":0,"red":0},"total":1,"top":[],"districts":[],"signalsPerMinute":3,"openAlerts":0}
            """);
        var facts = WallFrameReader.Read(document.RootElement.Clone());
        Assert.Equal(42, facts.Version);
        Assert.Equal(Ingested, facts.MaxIngestedAt);
        Assert.Equal(1, facts.Total);
    }

    [Fact]
    public void Reads_a_MessagePack_protocol_frame_whatever_the_casing_and_timestamp_form()
    {
        var asPair = new Dictionary<object, object?> { ["Version"] = (byte)7, ["MaxIngestedAt"] = new object[] { Ingested.UtcDateTime, (short)0 }, ["Total"] = 12u };
        var facts = WallFrameReader.Read(asPair);
        Assert.Equal(7, facts.Version);
        Assert.Equal(Ingested, facts.MaxIngestedAt);
        Assert.Equal(12, facts.Total);

        var asDateTime = new Dictionary<object, object?> { ["maxIngestedAt"] = Ingested.UtcDateTime };
        Assert.Equal(Ingested, WallFrameReader.Read(asDateTime).MaxIngestedAt);
    }

    [Fact]
    public void A_frame_before_any_signal_has_no_ingest_time()
    {
        using var document = JsonDocument.Parse("""{"scope":"city","version":1,"maxIngestedAt":null,"total":0}""");
        Assert.Null(WallFrameReader.Read(document.RootElement.Clone()).MaxIngestedAt);
    }
}
