namespace RiskEngine.LoadTests.CommandLine;

/// <summary>The SignalR protocol the wall clients speak to /hubs/risk.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<HubProtocol>))]
public enum HubProtocol
{
    Json,
    MessagePack,
}
