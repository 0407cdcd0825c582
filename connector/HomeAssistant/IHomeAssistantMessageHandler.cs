using HaIngestor.Core.Parsing;

namespace HaIngestor.Connector.HomeAssistant;

/// <summary>Receives what the receive loop reads; called on the loop itself, so it must never wait.</summary>
internal interface IHomeAssistantMessageHandler
{
    /// <summary>An event message; <see cref="HaMessage.Json"/> is only valid during the call.</summary>
    void OnEvent(in HaMessage message);

    /// <summary>A frame that could not be read; it is skipped and the connection kept.</summary>
    void OnMalformed(string error);
}
