namespace RiskEngine.Domain;

/// <summary>A variety (品种) of the TSG 特种设备目录, e.g. 3110 曳引驱动乘客电梯.</summary>
public sealed record EquipmentVariety(string Code, string Zh, string En)
{
    internal static EquipmentVariety Read(SeedObject json) => new(json.Text("code"), json.Text("zh"), json.Text("en"));
}
