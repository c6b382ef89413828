using RiskEngine.Domain;

namespace RiskEngine.Domain.Tests;

public sealed class RiskCatalogTests
{
    private static readonly string[] WuhanDistrictCodes =
        ["420102", "420103", "420104", "420105", "420106", "420107", "420111", "420112", "420113", "420114", "420115", "420116", "420117"];

    [Fact]
    public void Shipped_districts_are_wuhans_thirteen_within_the_city_bounds()
    {
        var districts = ShippedSeeds.Catalog.Districts;
        Assert.Equal(WuhanDistrictCodes, districts.Select(d => d.Code));
        Assert.All(districts, d =>
        {
            Assert.InRange(d.Longitude, 113.70, 115.08);
            Assert.InRange(d.Latitude, 29.97, 31.36);
            Assert.EndsWith("区", d.Zh);
        });
        Assert.Equal("东西湖区", ShippedSeeds.Catalog.FindDistrict("420112")?.Zh);
        Assert.Null(ShippedSeeds.Catalog.FindDistrict("420100"));
    }

    [Fact]
    public void Shipped_industries_fall_back_to_the_default_category()
    {
        var catalog = ShippedSeeds.Catalog;
        Assert.Equal("catering", catalog.Industry("catering").Code);
        Assert.Equal("catering", catalog.Industry("Catering").Code);
        Assert.Equal(RiskCatalog.DefaultIndustryCode, catalog.Industry(null).Code);
        Assert.Equal(RiskCatalog.DefaultIndustryCode, catalog.Industry("no-such-industry").Code);
        Assert.InRange(catalog.Industries.Count, 10, 20);
        Assert.Equal(1, catalog.Industries.Sum(i => i.Share), 3);
    }

    [Fact]
    public void Shipped_equipment_classes_cover_every_class_and_elevators_dominate()
    {
        var catalog = ShippedSeeds.Catalog;
        foreach (var equipmentClass in Enum.GetValues<EquipmentClass>())
        {
            var info = catalog.EquipmentClass(equipmentClass);
            Assert.Equal(equipmentClass, info.Class);
            Assert.NotEmpty(info.Varieties);
            Assert.Equal(info.Varieties, info.VarietyDetails.Select(v => v.Code));
        }
        var elevator = catalog.EquipmentClass(EquipmentClass.Elevator);
        Assert.InRange(elevator.Share, 0.75, 0.80);
        Assert.Equal(12, elevator.InspectionIntervalMonths);
        Assert.Equal(15, elevator.MaintenanceIntervalDays);
        Assert.Contains("3110", elevator.Varieties);
        Assert.True(catalog.EquipmentClass(EquipmentClass.Boiler).Weight > catalog.EquipmentClass(EquipmentClass.SiteVehicle).Weight);
        Assert.True(catalog.EquipmentClass(EquipmentClass.PressureVessel).Weight > catalog.EquipmentClass(EquipmentClass.SiteVehicle).Weight);
    }

    [Fact]
    public void Shipped_parameters_hold_the_regulators_levels()
    {
        var levels = ShippedSeeds.Parameters.Levels;
        Assert.Equal((25, 50, 75, 5), (levels.Yellow, levels.Orange, levels.Red, levels.Hysteresis));
        Assert.Equal(8, ShippedSeeds.Parameters.LocalUtcOffsetHours);
    }

    [Fact]
    public void A_missing_default_industry_is_reported_by_file()
    {
        var industries = ShippedSeeds.Read(RiskCatalog.IndustriesFileName).Replace("\"code\": \"default\"", "\"code\": \"other\"");
        var exception = Assert.Throws<FormatException>(() => Parse(industries: industries));
        Assert.Equal("industries.json: industries: must include the fallback category \"default\"", exception.Message);
    }

    [Fact]
    public void An_out_of_range_parameter_is_reported_with_its_path()
    {
        var riskModel = ShippedSeeds.Read(RiskModelParameters.FileName).Replace("\"halfLifeDays\": 365,", "\"halfLifeDays\": -1,");
        var exception = Assert.Throws<FormatException>(() => Parse(riskModel: riskModel));
        Assert.Equal("risk-model.json: entity.sampling.halfLifeDays: -1 is outside 1..36500", exception.Message);
    }

    [Fact]
    public void A_missing_parameter_is_reported_with_its_path()
    {
        var riskModel = ShippedSeeds.Read(RiskModelParameters.FileName).Replace("\"hysteresis\"", "\"hysteresys\"");
        var exception = Assert.Throws<FormatException>(() => Parse(riskModel: riskModel));
        Assert.Equal("risk-model.json: levels.hysteresis: required (a number)", exception.Message);
    }

    [Fact]
    public void A_wrongly_typed_field_is_reported_with_its_index()
    {
        var districts = ShippedSeeds.Read(RiskCatalog.DistrictsFileName).Replace("\"longitude\": 114.265", "\"longitude\": \"114.265\"");
        var exception = Assert.Throws<FormatException>(() => Parse(districts: districts));
        Assert.Equal("districts.json: districts[1].longitude: expected a number, got string", exception.Message);
    }

    [Fact]
    public void Shares_that_do_not_sum_to_one_are_refused()
    {
        var classes = ShippedSeeds.Read(RiskCatalog.EquipmentClassesFileName).Replace("\"share\": 0.76", "\"share\": 0.66");
        var exception = Assert.Throws<FormatException>(() => Parse(equipmentClasses: classes));
        Assert.StartsWith("equipment-classes.json: classes: shares sum to 0.9", exception.Message);
    }

    [Fact]
    public void A_variety_of_another_class_is_refused()
    {
        var classes = ShippedSeeds.Read(RiskCatalog.EquipmentClassesFileName).Replace("\"code\": \"3310\"", "\"code\": \"4310\"");
        var exception = Assert.Throws<FormatException>(() => Parse(equipmentClasses: classes));
        Assert.Contains("variety '4310' does not belong to class 3000", exception.Message);
    }

    [Fact]
    public void Text_that_is_not_json_is_refused_by_file()
    {
        var exception = Assert.Throws<FormatException>(() => Parse(districts: "{ nope"));
        Assert.StartsWith("districts.json: not valid JSON", exception.Message);
    }

    [Fact]
    public void Demo_settings_parse()
    {
        var demo = DemoSettings.Parse(ShippedSeeds.Read(DemoSettings.FileName));
        Assert.Equal(3000, demo.Entities);
        Assert.Equal(800, demo.Equipment);
        Assert.Equal(40, demo.SignalsPerSecond);
        Assert.Equal(20261123, demo.Seed);
        Assert.Equal(1, demo.SignalMix.Values.Sum(), 3);
        Assert.All(demo.SignalMix.Keys, kind => Assert.False(kind.IsInternal()));
    }

    [Fact]
    public void Demo_settings_name_a_bad_field()
    {
        var exception = Assert.Throws<FormatException>(() => DemoSettings.Parse("""{ "entities": -5, "equipment": 1, "signalsPerSecond": 1, "seed": 1 }"""));
        Assert.Equal("demo.json: entities: -5 is outside 0..10000000", exception.Message);
    }

    private static RiskCatalog Parse(string? districts = null, string? industries = null, string? equipmentClasses = null, string? riskModel = null) =>
        RiskCatalog.Parse(
            districts ?? ShippedSeeds.Read(RiskCatalog.DistrictsFileName),
            industries ?? ShippedSeeds.Read(RiskCatalog.IndustriesFileName),
            equipmentClasses ?? ShippedSeeds.Read(RiskCatalog.EquipmentClassesFileName),
            riskModel ?? ShippedSeeds.Read(RiskModelParameters.FileName));
}
