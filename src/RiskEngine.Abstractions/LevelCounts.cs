namespace RiskEngine.Abstractions;

/// <summary>Subjects per risk level (蓝/黄/橙/红).</summary>
[GenerateSerializer, Immutable, Alias("level-counts")]
public sealed record LevelCounts(
    [property: Id(0)] long Blue,
    [property: Id(1)] long Yellow,
    [property: Id(2)] long Orange,
    [property: Id(3)] long Red)
{
    public static LevelCounts Zero { get; } = new(0, 0, 0, 0);

    public long Total => Blue + Yellow + Orange + Red;

    public LevelCounts Add(LevelCounts other) =>
        new(Blue + other.Blue, Yellow + other.Yellow, Orange + other.Orange, Red + other.Red);
}
