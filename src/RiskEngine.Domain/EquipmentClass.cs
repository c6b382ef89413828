namespace RiskEngine.Domain;

/// <summary>
/// 特种设备 classes of the TSG 特种设备目录, numbered by the leading digit of their catalogue code
/// (7 is pressure-piping components and F safety accessories: parts, not registered units).
/// </summary>
public enum EquipmentClass
{
    Boiler = 1,
    PressureVessel = 2,
    Elevator = 3,
    Crane = 4,
    SiteVehicle = 5,
    AmusementRide = 6,
    PressurePiping = 8,
    Ropeway = 9,
}
