namespace RiskEngine.Grains.Placement;

/// <summary>
/// Subjects live on the server their id hashes to among the active servers (see <see cref="SubjectOwnership"/>), the
/// one the dispatcher sends their signals to, so delivery stays in-process after one message per server and batch.
/// </summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("subject-owner-placement")]
public sealed class SubjectOwnerPlacement : PlacementStrategy
{
    public static readonly SubjectOwnerPlacement Instance = new();
}
