using System.Collections;
using RiskEngine.LoadTests.Workload;

namespace RiskEngine.LoadTests.Traffic;

/// <summary>
/// Which signals of a scenario's streams a log holds, by source id ("lt-{run}-{tag}-{n}"), and so which
/// acknowledged ones it lacks. Ids of other runs and of spoiled signals (never logged) are simply not found.
/// </summary>
public sealed class StreamLogTally
{
    private readonly IReadOnlyList<TrafficStream> _streams;
    private readonly BitArray[] _present;
    private long _rows;

    public StreamLogTally(IReadOnlyList<TrafficStream> streams)
    {
        _streams = streams;
        _present = streams.Select(s => new BitArray(checked((int)Math.Max(1, s.Issued)))).ToArray();
    }

    /// <summary>Rows of this run's streams seen in the log.</summary>
    public long Rows => _rows;

    public void Add(string sourceId)
    {
        for (var i = 0; i < _streams.Count; i++)
        {
            var number = _streams[i].NumberOf(sourceId);
            if (number >= 0 && number < _present[i].Length)
            {
                _present[i][(int)number] = true;
                _rows++;
                return;
            }
        }
    }

    /// <summary>Acknowledged signals found in the log, and those missing from it (lost).</summary>
    public (long Found, long Missing) Compare()
    {
        long found = 0;
        long missing = 0;
        for (var i = 0; i < _streams.Count; i++)
        {
            foreach (var number in _streams[i].Acknowledged.All())
            {
                if (_present[i][(int)number])
                {
                    found++;
                }
                else
                {
                    missing++;
                }
            }
        }

        return (found, missing);
    }
}
