using RiskEngine.Domain;
using RiskEngine.Domain.Learning;

namespace RiskEngine.Grains.Learning;

/// <summary>
/// The model this server scores with: the seeded one with the newest fitted parameters it has heard of. Versions only move
/// forward (a rollback is a new version carrying older parameters), so a late, older version never replaces a newer one.
/// Subjects pick it up at their next fold or read: a read always rescores with it.
/// </summary>
public sealed class CurrentModel
{
    private readonly RiskModel _seeded;
    private RiskModel _model;

    public CurrentModel(RiskModel seeded)
    {
        ArgumentNullException.ThrowIfNull(seeded);
        _seeded = seeded;
        _model = seeded;
    }

    public RiskModel Model => Volatile.Read(ref _model);

    public FittedModel Fitted => Model.Fitted;

    /// <summary>Scores with <paramref name="fitted"/> from now on; false when this server already has that version or a newer one.</summary>
    public bool Use(FittedModel fitted)
    {
        ArgumentNullException.ThrowIfNull(fitted);
        while (true)
        {
            var current = Volatile.Read(ref _model);
            if (fitted.Version <= current.Fitted.Version)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _model, _seeded.WithFitted(fitted), current) == current)
            {
                return true;
            }
        }
    }
}
