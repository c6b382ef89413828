using System.Text.Json.Serialization;

namespace RiskEngine.Domain;

/// <summary>
/// What a signal says, by kind. Immutable; serialisable with System.Text.Json (the "$type"
/// discriminator lets a <see cref="RiskHistory"/> snapshot round-trip). The API's wire form is
/// <see cref="SignalFactsCodec"/>'s business, not this one's.
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
