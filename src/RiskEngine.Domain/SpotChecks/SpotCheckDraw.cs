using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace RiskEngine.Domain.SpotChecks;

/// <summary>
/// The 双随机 draw: random subjects, weighted by live risk, and random inspectors, all keyed by a published seed so
/// anyone holding the seed, the registry and the scores can repeat it.
/// <para>
/// Subjects: within each credit class, <see cref="SpotCheckRatios.DrawnOf"/> of them by weighted sampling without
/// replacement (Efraimidis–Spirakis): each subject's key is u^(1/w) with u = <see cref="Uniform"/>(seed, subjectId) and
/// w = 1 + score / 10 (score 0-100, so a subject at 100 weighs 11 times one at 0); the largest keys are drawn, ties by id.
/// </para>
/// <para>
/// Inspectors: for each drawn subject, the roster's officers without a conflict (<see cref="Inspector.ConflictsWith"/>)
/// ordered by u = <see cref="Uniform"/>(seed, subjectId + "|" + inspectorId); the two smallest go.
/// </para>
/// </summary>
public static class SpotCheckDraw
{
    /// <summary>The name published with each plan; change it whenever a rule above changes.</summary>
    public const string Algorithm = "es-sha256-v1: key=u^(1/w), u=sha256(seed|subjectId), w=1+score/10; inspectors: 2 smallest sha256(seed|subjectId|inspectorId) without conflict";

    public const int InspectorsPerTask = 2;

    /// <summary>The weight of a subject with this risk score.</summary>
    public static double Weight(double score) => 1 + (Math.Clamp(score, 0, 100) / 10);

    /// <summary>
    /// A number in (0, 1) from SHA-256 of the UTF-8 text <c>seed|key</c>: the first 8 bytes, big-endian, top 53 bits, plus
    /// a half, over 2^53.
    /// </summary>
    public static double Uniform(string seed, string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(seed + "|" + key), hash);
        var bits = BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11;
        return (bits + 0.5) / (1UL << 53);
    }

    /// <summary>The sampling key of a subject: larger is drawn first.</summary>
    public static double Key(string seed, SpotCheckCandidate candidate) =>
        Math.Exp(Math.Log(Uniform(seed, candidate.SubjectId)) / Weight(candidate.Score));

    /// <summary>Draws the plan: per credit class, its population and drawn count, and the drawn subjects with their inspectors, by id.</summary>
    public static SpotCheckOutcome Draw(string seed, SpotCheckRatios ratios, IReadOnlyList<SpotCheckCandidate> registry, IReadOnlyList<Inspector> roster)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var counts = new Dictionary<CreditClass, ClassCount>();
        var drawn = new List<DrawnSubject>();
        foreach (var creditClass in Enum.GetValues<CreditClass>())
        {
            var population = registry.Where(c => c.CreditClass == creditClass).DistinctBy(c => c.SubjectId).ToArray();
            var take = ratios.DrawnOf(creditClass, population.Length);
            counts[creditClass] = new ClassCount(population.Length, take);
            drawn.AddRange(population
                .Select(c => (Candidate: c, Key: Key(seed, c)))
                .OrderByDescending(k => k.Key).ThenBy(k => k.Candidate.SubjectId, StringComparer.Ordinal)
                .Take(take)
                .Select(k => new DrawnSubject(k.Candidate, k.Key, PickInspectors(seed, k.Candidate.SubjectId, roster))));
        }

        return new SpotCheckOutcome(counts, drawn.OrderBy(d => d.Subject.SubjectId, StringComparer.Ordinal).ToArray());
    }

    /// <summary>The officers who inspect <paramref name="subjectId"/>: up to two, none with a conflict.</summary>
    public static IReadOnlyList<string> PickInspectors(string seed, string subjectId, IReadOnlyList<Inspector> roster) =>
        roster
            .Where(i => !i.ConflictsWith(subjectId))
            .DistinctBy(i => i.Id)
            .OrderBy(i => Uniform(seed, subjectId + "|" + i.Id)).ThenBy(i => i.Id, StringComparer.Ordinal)
            .Take(InspectorsPerTask)
            .Select(i => i.Id)
            .ToArray();
}
