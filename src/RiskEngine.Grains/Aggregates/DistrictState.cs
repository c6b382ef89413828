namespace RiskEngine.Grains.Aggregates;

/// <summary>
/// A district's snapshot: the subjects above blue, by id. Blue is everything else the district knows, so
/// memory and snapshot size follow the subjects that need attention, not the district's size.
/// </summary>
[GenerateSerializer, Alias("district-state")]
public sealed class DistrictState
{
    [Id(0)] public Dictionary<string, DistrictEntry> Flagged { get; set; } = new(StringComparer.Ordinal);

    // Id 1 held the latest ingest time of the subjects' reports, which the watermark no longer takes (see DistrictGrain).
    // Not to be reused: snapshots written before still carry it, and are read without it.
}
