namespace RiskEngine.Grains.Placement;

/// <summary>
/// The active servers in address order, as <see cref="SubjectOwnership"/> wants them: worked out again only when
/// membership moves, and replaced as one reference, so concurrent readers never see half of a change.
/// </summary>
public sealed class ActiveSilos(IClusterMembershipService membership)
{
    private ActiveSiloView _view = new(MembershipVersion.MinValue, [], Environment.TickCount64);

    public ActiveSiloView Current
    {
        get
        {
            var snapshot = membership.CurrentSnapshot;
            var view = Volatile.Read(ref _view);
            if (snapshot.Version == view.Version)
            {
                return view;
            }

            var silos = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).OrderBy(s => s).ToArray();
            var fresh = new ActiveSiloView(snapshot.Version, silos, Environment.TickCount64);
            Interlocked.CompareExchange(ref _view, fresh, view);
            return Volatile.Read(ref _view);
        }
    }
}

/// <summary>The active servers at one membership version, and when this server first saw that version (<see cref="Environment.TickCount64"/>).</summary>
public sealed record ActiveSiloView(MembershipVersion Version, SiloAddress[] Silos, long SeenAtTicks);
