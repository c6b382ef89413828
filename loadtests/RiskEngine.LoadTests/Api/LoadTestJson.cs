using System.Text.Json;
using System.Text.Json.Serialization;
using RiskEngine.LoadTests.Reporting;

namespace RiskEngine.LoadTests.Api;

/// <summary>Source-generated JSON for the engine's answers (web conventions: camelCase) and the reports.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(IngestAnswer))]
[JsonSerializable(typeof(RegistrationAnswer))]
[JsonSerializable(typeof(IngestReport))]
[JsonSerializable(typeof(SystemStats))]
[JsonSerializable(typeof(ScenarioReport))]
[JsonSerializable(typeof(CompareReport))]
public sealed partial class LoadTestJson : JsonSerializerContext;
