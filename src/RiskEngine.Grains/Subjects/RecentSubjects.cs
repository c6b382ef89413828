namespace RiskEngine.Grains.Subjects;

/// <summary>
/// Which subjects had a signal lately, approximately and in fixed memory: a table of slots indexed by the subject's hash,
/// each holding the last hash seen there and when. A collision can only make a subject look recent when it is not, and
/// that costs an activation, never a wrong answer.
/// </summary>
public sealed class RecentSubjects
{
    private readonly long[] _slots;
    private readonly int _mask;
    private readonly long _startTicks = Environment.TickCount64;

    /// <param name="slots">Table size, rounded up to a power of two; 8 bytes each.</param>
    public RecentSubjects(int slots)
    {
        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1024, slots));
        _slots = new long[size];
        _mask = size - 1;
    }

    /// <summary>Records a signal for the subject now; true when it had one within <paramref name="window"/> before (never when it is zero).</summary>
    public bool Touch(uint subjectHash, TimeSpan window)
    {
        if (window <= TimeSpan.Zero)
        {
            return false;
        }

        // Seconds since this table was made, plus one so that zero means an empty slot.
        var now = (uint)((Environment.TickCount64 - _startTicks) / 1000) + 1;
        ref var slot = ref _slots[subjectHash & _mask];
        var previous = Volatile.Read(ref slot);
        Volatile.Write(ref slot, ((long)subjectHash << 32) | now);
        var seen = (uint)previous;
        return seen != 0 && (uint)(previous >>> 32) == subjectHash && now - seen <= (uint)Math.Ceiling(window.TotalSeconds);
    }
}
