namespace RiskEngine.Grains.Subjects;

/// <summary>
/// Which subjects of this server have a grain in memory, and which are being folded straight into their snapshot
/// (<see cref="SnapshotFold"/>). The two exclude each other: a fold starts only on a subject with no grain here, and
/// a grain that activates meanwhile reads its snapshot only once the fold has written it.
/// </summary>
public sealed class SubjectResidency
{
    private readonly Lock _lock = new();
    private readonly Dictionary<GrainId, Occupant> _occupants = [];

    /// <summary>Claims a subject for a fold; false when it has a grain here or another fold holds it.</summary>
    public bool TryClaimForFold(GrainId subject, out FoldClaim claim)
    {
        lock (_lock)
        {
            if (_occupants.ContainsKey(subject))
            {
                claim = default;
                return false;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _occupants[subject] = new Occupant(done);
            claim = new FoldClaim(subject, done);
            return true;
        }
    }

    /// <summary>Ends a fold: a grain waiting to read the subject's snapshot goes on.</summary>
    public void Release(FoldClaim claim)
    {
        lock (_lock)
        {
            if (_occupants.TryGetValue(claim.Subject, out var occupant) && occupant.Fold == claim.Done)
            {
                _occupants.Remove(claim.Subject);
            }
        }

        claim.Done.TrySetResult();
    }

    /// <summary>A grain of the subject is activating here: waits for a fold in progress, then counts the grain as resident.</summary>
    public async Task ArriveAsync(GrainId subject)
    {
        while (true)
        {
            Task fold;
            lock (_lock)
            {
                // Orleans keeps at most one activation of a grain per server, and a grain may read its state more than once:
                // residence is a mark, not a count.
                if (!_occupants.TryGetValue(subject, out var occupant) || occupant.Fold is null)
                {
                    _occupants[subject] = Occupant.Grain;
                    return;
                }

                fold = occupant.Fold.Task;
            }

            await fold.ConfigureAwait(false);
        }
    }

    /// <summary>A grain of the subject left memory with everything it applied written.</summary>
    public void Leave(GrainId subject)
    {
        lock (_lock)
        {
            if (_occupants.TryGetValue(subject, out var occupant) && occupant.Fold is null)
            {
                _occupants.Remove(subject);
            }
        }
    }

    /// <summary>Whether the subject has a grain here now.</summary>
    public bool HasGrain(GrainId subject)
    {
        lock (_lock)
        {
            return _occupants.TryGetValue(subject, out var occupant) && occupant.Fold is null;
        }
    }

    /// <summary>The subjects with a grain here now.</summary>
    public IReadOnlyList<GrainId> Residents()
    {
        lock (_lock)
        {
            return _occupants.Where(o => o.Value.Fold is null).Select(o => o.Key).ToArray();
        }
    }

    /// <summary>A fold in progress (<see cref="Fold"/> set) or a grain in memory (none).</summary>
    private readonly record struct Occupant(TaskCompletionSource? Fold)
    {
        public static Occupant Grain => new(null);
    }
}

/// <summary>A fold's hold on one subject; see <see cref="SubjectResidency.Release"/>.</summary>
public readonly record struct FoldClaim(GrainId Subject, TaskCompletionSource Done);
