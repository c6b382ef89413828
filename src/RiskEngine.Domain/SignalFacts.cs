using System.Text.Json.Serialization;

namespace RiskEngine.Domain;

/// <summary>
/// What a signal says, by kind. Immutable. The API's wire form, which the signal log and
/// <see cref="RiskHistory"/> snapshots also use, is <see cref="SignalFactsCodec"/>'s business; the
/// "$type" discriminator below only serves code that serialises facts on their own.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(InspectionFacts), "inspection")]
[JsonDerivedType(typeof(ComplaintFacts), "complaint")]
[JsonDerivedType(typeof(SamplingFacts), "sampling")]
[JsonDerivedType(typeof(CreditFacts), "credit")]
[JsonDerivedType(typeof(HazardFacts), "hazard")]
[JsonDerivedType(typeof(EquipmentInspectionFacts), "equipment-inspection")]
[JsonDerivedType(typeof(MaintenanceFacts), "maintenance")]
[JsonDerivedType(typeof(FaultFacts), "fault")]
[JsonDerivedType(typeof(DueDateFacts), "due-date")]
public abstract record SignalFacts;
