using System.Text.Json;
using RiskEngine.Domain;

namespace RiskEngine.Domain.Tests;

public sealed class SignalFactsCodecTests
{
    [Theory]
    [InlineData(SignalKind.Inspection, """{"result":"rectify","findings":[{"severity":"major"},{"severity":"minor"}]}""", """{"result":"rectify","findings":[{"severity":"major"},{"severity":"minor"}]}""")]
    [InlineData(SignalKind.Inspection, """{"result":"pass"}""", """{"result":"pass","findings":[]}""")]
    [InlineData(SignalKind.Inspection, """{"result":"issues","findings":[{"severity":"minor"}],"planId":"420112-2026-12"}""", """{"result":"issues","findings":[{"severity":"minor"}],"planId":"420112-2026-12"}""")]
    [InlineData(SignalKind.Inspection, """{"result":"PASS","findings":null,"inspector":"x"}""", """{"result":"pass","findings":[]}""")]
    [InlineData(SignalKind.Complaint, """{}""", """{}""")]
    [InlineData(SignalKind.Complaint, """{"category":"价格"}""", """{"category":"价格"}""")]
    [InlineData(SignalKind.Sampling, """{"result":"fail","item":"lead"}""", """{"result":"fail","item":"lead"}""")]
    [InlineData(SignalKind.Sampling, """{"result":"fail","item":"铅","severity":"critical"}""", """{"result":"fail","item":"铅","severity":"critical"}""")]
    [InlineData(SignalKind.Credit, """{"event":"dishonest-list-removed"}""", """{"event":"dishonest-list-removed"}""")]
    [InlineData(SignalKind.Hazard, """{"hazardId":"H-1","state":"open"}""", """{"hazardId":"H-1","state":"open","severity":"major"}""")]
    [InlineData(SignalKind.Hazard, """{"hazardId":42,"state":"rectified","severity":"minor"}""", """{"hazardId":"42","state":"rectified","severity":"minor"}""")]
    [InlineData(SignalKind.EquipmentInspection, """{"result":"pass","nextDue":"2027-11-20"}""", """{"result":"pass","nextDue":"2027-11-20"}""")]
    [InlineData(SignalKind.EquipmentInspection, """{"result":"fail"}""", """{"result":"fail"}""")]
    [InlineData(SignalKind.Maintenance, """{"technician":"x"}""", """{}""")]
    [InlineData(SignalKind.Fault, """{}""", """{"entrapment":false}""")]
    [InlineData(SignalKind.Fault, """{"entrapment":true}""", """{"entrapment":true}""")]
    [InlineData(SignalKind.InspectionOverdue, """{"dueDate":"2026-10-14"}""", """{"dueDate":"2026-10-14"}""")]
    public void Parses_valid_data_into_canonical_json(SignalKind kind, string data, string canonical)
    {
        using var document = JsonDocument.Parse(data);
        Assert.True(SignalFactsCodec.TryParse(kind, document.RootElement, out var facts, out var error), error);
        Assert.NotNull(facts);
        Assert.Equal(canonical, SignalFactsCodec.ToJson(facts));
        Assert.Equal(facts, SignalFactsCodec.FromJson(kind, canonical));
    }

    [Theory]
    [InlineData(SignalKind.Inspection, """{}""", "data.result: required, expected one of pass, issues, rectify, closed")]
    [InlineData(SignalKind.Inspection, """{"result":"failed"}""", "data.result: expected one of pass, issues, rectify, closed")]
    [InlineData(SignalKind.Inspection, """{"result":1}""", "data.result: expected one of pass, issues, rectify, closed")]
    [InlineData(SignalKind.Inspection, """{"result":"issues","findings":{}}""", "data.findings: expected an array of {\"severity\"}")]
    [InlineData(SignalKind.Inspection, """{"result":"issues","findings":[{"severity":"high"}]}""", "data.findings[0].severity: expected one of minor, major, critical")]
    [InlineData(SignalKind.Inspection, """{"result":"issues","findings":[{"severity":"minor"},{}]}""", "data.findings[1].severity: required, expected one of minor, major, critical")]
    [InlineData(SignalKind.Inspection, """{"result":"pass","planId":12}""", "data.planId: expected a string")]
    [InlineData(SignalKind.Complaint, """{"category":7}""", "data.category: expected a string")]
    [InlineData(SignalKind.Sampling, """{"item":"lead"}""", "data.result: required, expected one of pass, fail")]
    [InlineData(SignalKind.Sampling, """{"result":"fail","severity":"bad"}""", "data.severity: expected one of minor, major, critical")]
    [InlineData(SignalKind.Credit, """{"event":"blacklist"}""", "data.event: expected one of abnormal-list, abnormal-list-removed, dishonest-list, dishonest-list-removed, penalty")]
    [InlineData(SignalKind.Hazard, """{"state":"open"}""", "data.hazardId: required")]
    [InlineData(SignalKind.Hazard, """{"hazardId":" ","state":"open"}""", "data.hazardId: expected a non-empty string")]
    [InlineData(SignalKind.Hazard, """{"hazardId":"H-1"}""", "data.state: required, expected one of open, rectified")]
    [InlineData(SignalKind.EquipmentInspection, """{"result":"pass","nextDue":"20/11/2027"}""", "data.nextDue: expected a date yyyy-MM-dd")]
    [InlineData(SignalKind.Fault, """{"entrapment":"yes"}""", "data.entrapment: expected true or false")]
    [InlineData(SignalKind.MaintenanceOverdue, """{}""", "data.dueDate: required (yyyy-MM-dd)")]
    [InlineData(SignalKind.Complaint, """[]""", "data: expected an object")]
    [InlineData(SignalKind.Maintenance, "\"text\"", "data: expected an object")]
    public void Rejects_invalid_data_naming_the_field(SignalKind kind, string data, string expected)
    {
        using var document = JsonDocument.Parse(data);
        Assert.False(SignalFactsCodec.TryParse(kind, document.RootElement, out var facts, out var error));
        Assert.Null(facts);
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData(SignalKind.Complaint)]
    [InlineData(SignalKind.Maintenance)]
    [InlineData(SignalKind.Fault)]
    public void Missing_or_null_data_reads_as_an_empty_object(SignalKind kind)
    {
        Assert.True(SignalFactsCodec.TryParse(kind, default, out var missing, out _));
        using var document = JsonDocument.Parse("null");
        Assert.True(SignalFactsCodec.TryParse(kind, document.RootElement, out var nulled, out _));
        Assert.Equal(missing, nulled);
    }

    [Fact]
    public void Missing_data_fails_kinds_that_need_fields()
    {
        Assert.False(SignalFactsCodec.TryParse(SignalKind.Inspection, default, out _, out var error));
        Assert.StartsWith("data.result: required", error);
    }

    [Fact]
    public void FromJson_throws_a_format_exception_on_broken_input()
    {
        Assert.Throws<FormatException>(() => SignalFactsCodec.FromJson(SignalKind.Complaint, "{"));
        Assert.Throws<FormatException>(() => SignalFactsCodec.FromJson(SignalKind.Credit, "{}"));
    }

    [Fact]
    public void Facts_compare_by_value_including_findings()
    {
        Assert.Equal(
            new InspectionFacts(InspectionResult.Issues, [Severity.Minor, Severity.Major]),
            new InspectionFacts(InspectionResult.Issues, new List<Severity> { Severity.Minor, Severity.Major }));
        Assert.NotEqual(
            new InspectionFacts(InspectionResult.Issues, [Severity.Minor]),
            new InspectionFacts(InspectionResult.Issues, [Severity.Major]));
    }

    [Fact]
    public void Every_kind_names_the_facts_type_it_carries()
    {
        foreach (var kind in SignalKinds.All)
        {
            Assert.True(typeof(SignalFacts).IsAssignableFrom(kind.FactsType()));
        }
    }
}
