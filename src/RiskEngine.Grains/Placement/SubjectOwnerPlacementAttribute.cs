using Orleans.Placement;

namespace RiskEngine.Grains.Placement;

/// <summary>Places a subject grain with <see cref="SubjectOwnerPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SubjectOwnerPlacementAttribute() : PlacementAttribute(SubjectOwnerPlacement.Instance);
