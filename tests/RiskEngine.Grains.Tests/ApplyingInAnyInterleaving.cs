using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Grains.Subjects;
using RiskEngine.Grains.Tests.Hosting;
using RiskEngine.Server.Hosting;
using static RiskEngine.Grains.Tests.Hosting.TestSignals;

namespace RiskEngine.Grains.Tests;

/// <summary>
/// A subject's signals may reach <see cref="SubjectFold.Apply"/> in one batch or many, in log order or not (several servers
/// append for one subject), with its snapshot stored and reopened between batches (a grain leaving memory, a fold, a
/// restart) and with batches delivered again (retries, recovery replays). Its score, reasons and counts must come out the
/// same whichever way; its level too, but for the hysteresis band, where the path decides and either level is right.
/// </summary>
public sealed class ApplyingInAnyInterleaving
{
    private static readonly DateTimeOffset Now = EngineCluster.Start;
    private static readonly RiskModelParameters Parameters = ShippedCatalog.Value.Parameters;
    private static readonly SubjectRules Rules = new(new RiskModel(ShippedCatalog.Value), SeedCatalogLoader.LoadAlertRules(RepositoryRoot.Seeds), 0.5);
    private static readonly Serializer Snapshots = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Property(MaxTest = 200)]
    public bool Batches_order_snapshots_and_replays_do_not_change_the_outcome(int seed)
    {
        var random = new Random(seed);
        var uscc = TestSubjects.NewEntity();
        var facts = EntityFacts.From(new EntityProfileUpdate(null, TestSubjects.District, null, CreditClass.B));
        var signals = Enumerable.Range(1, random.Next(1, 40)).Select(seq => RandomSignal(random, uscc, seq)).ToArray();

        var reference = new SubjectFold(new EntityState(), Parameters);
        reference.Apply(uscc, facts, signals, Now, Rules);

        var batches = Split(random, signals);
        if (random.Next(2) == 0)
        {
            batches = [.. batches.OrderBy(_ => random.Next())];
        }

        var fold = new SubjectFold(new EntityState(), Parameters);
        var delivered = new List<SignalEnvelope[]>();
        foreach (var batch in batches)
        {
            fold.Apply(uscc, facts, batch, Now.AddMinutes(-random.Next(0, 600)), Rules);
            delivered.Add(batch);
            if (random.Next(3) == 0)
            {
                fold = Reopened(fold);
            }

            if (random.Next(4) == 0)
            {
                fold.Apply(uscc, facts, delivered[random.Next(delivered.Count)], Now, Rules);
            }
        }

        // Read at the same moment, as a read of the subject would.
        var final = fold.Apply(uscc, facts, [], Now, Rules);
        var expected = reference.Assessment;
        var actual = fold.Assessment;
        return Math.Abs(expected.Score - actual.Score) < 1e-9
            && expected.Reasons.Select(r => (r.Code, Math.Round(r.Contribution, 9))).SequenceEqual(actual.Reasons.Select(r => (r.Code, Math.Round(r.Contribution, 9))))
            && reference.State.SignalCount == fold.State.SignalCount
            && reference.State.LastSeq == fold.State.LastSeq
            && !final.Changed
            && (reference.Level == fold.Level || (Stable(reference.Level, actual.Score) && Stable(fold.Level, actual.Score)));
    }

    private static bool Stable(RiskLevel level, double score) => RiskLevels.Classify(score, level, Parameters) == level;

    /// <summary>The snapshot stored and read back through Orleans' serializer, as the grain storage does.</summary>
    private static SubjectFold Reopened(SubjectFold fold)
    {
        fold.PrepareSnapshot();
        var stored = Snapshots.Deserialize<EntityState>(Snapshots.SerializeToArray((EntityState)fold.State))!;
        return new SubjectFold(stored, Parameters);
    }

    private static List<SignalEnvelope[]> Split(Random random, SignalEnvelope[] signals)
    {
        var batches = new List<SignalEnvelope[]>();
        for (var at = 0; at < signals.Length;)
        {
            var size = random.Next(1, signals.Length - at + 1);
            batches.Add(signals[at..(at + size)]);
            at += size;
        }

        return batches;
    }

    private static SignalEnvelope RandomSignal(Random random, string uscc, long seq)
    {
        var at = Now.AddHours(-random.Next(1, 24 * 120));
        var signal = random.Next(7) switch
        {
            0 => Complaint(uscc, at),
            1 => FailedSample(uscc, at, random.Next(2) == 0 ? Severity.Critical : null),
            2 => PassedSample(uscc, at),
            3 => Inspection(uscc, at, InspectionResult.Pass),
            4 => Inspection(uscc, at, InspectionResult.Rectify, Severity.Major, Severity.Critical),
            5 => Hazard(uscc, at, "H-" + random.Next(3), open: random.Next(2) == 0),
            _ => ForEntity(uscc, SignalKind.Credit, new CreditFacts(CreditEvent.AbnormalList), at),
        };
        return Envelope(seq, signal, Now.AddSeconds(-random.Next(0, 3600)));
    }
}
