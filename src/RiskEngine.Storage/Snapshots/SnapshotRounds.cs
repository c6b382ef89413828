namespace RiskEngine.Storage.Snapshots;

/// <summary>
/// Splits a batch of writes into rounds in which every key appears once, keeping each key's writes in order: one
/// set-based statement per round can then match each row to exactly one write.
/// </summary>
public static class SnapshotRounds
{
    /// <summary>Indexes into <paramref name="writes"/>, round by round; nearly always a single round.</summary>
    public static List<List<int>> Of(IReadOnlyList<SnapshotWrite> writes)
    {
        var rounds = new List<List<int>>();
        var seen = new Dictionary<SnapshotKey, int>();
        for (var i = 0; i < writes.Count; i++)
        {
            var round = seen.TryGetValue(writes[i].Key, out var last) ? last + 1 : 0;
            seen[writes[i].Key] = round;
            if (round == rounds.Count)
            {
                rounds.Add([]);
            }

            rounds[round].Add(i);
        }

        return rounds;
    }
}
