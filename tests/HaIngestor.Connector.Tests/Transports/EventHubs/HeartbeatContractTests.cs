using HaIngestor.Adapters.Health;
using HaIngestor.Connector.Transports;
using HaIngestor.Connector.Transports.EventHubs;

namespace HaIngestor.Connector.Tests.Transports.EventHubs;

/// <summary>The heartbeat the connector sends is the one the functions recognise, so a quiet house never looks like a dead connector.</summary>
public sealed class HeartbeatContractTests
{
    [Fact]
    public void HeartbeatMessage_ReadByFunctionsRecognizer_SameSendTime()
    {
        var sentAt = new DateTimeOffset(2026, 11, 28, 10, 0, 0, 123, TimeSpan.Zero);
        var message = EventHubsTransport.HeartbeatMessage(new Heartbeat(["main", "cabin"], 1, 42, "1.0.0", sentAt));

        Assert.True(ConnectorHeartbeat.TryRead(message, out var read));
        Assert.Equal(sentAt, read);
        Assert.Equal(ConnectorHeartbeat.EventType, EventHubsTransport.HeartbeatEventType);
    }
}
