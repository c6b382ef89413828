using System.Collections;
using RiskEngine.LoadTests.Workload;

namespace RiskEngine.LoadTests.Phases;

/// <summary>
/// Which of this run's signals a log holds, by source id, and so which acknowledged ones it lacks; shared by the
/// SQLite file check and the PostgreSQL table check.
/// </summary>
public sealed class LoggedSignalTally(SignalWorkload workload)
{
    private readonly BitArray _present = new(checked((int)workload.Issued));
    private long _rows;

    /// <summary>Counts one logged source id; ids of other runs are ignored.</summary>
    public void Add(string sourceId)
    {
        var number = workload.NumberOf(sourceId);
        if (number >= 0 && number < _present.Length)
        {
            _present[(int)number] = true;
            _rows++;
        }
    }

    public LogFileCheck.Outcome Compare(AcknowledgedSignals acknowledged)
    {
        long found = 0;
        long missing = 0;
        foreach (var number in acknowledged.All())
        {
            if (_present[(int)number])
            {
                found++;
            }
            else
            {
                missing++;
            }
        }

        return new LogFileCheck.Outcome(found, missing, _rows);
    }
}
