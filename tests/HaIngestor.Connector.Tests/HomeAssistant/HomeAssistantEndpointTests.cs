using HaIngestor.Connector.HomeAssistant;

namespace HaIngestor.Connector.Tests.HomeAssistant;

public sealed class HomeAssistantEndpointTests
{
    [Theory]
    [InlineData("http://ha.local:8123", "http://ha.local:8123/api/", "ws://ha.local:8123/api/websocket")]
    [InlineData("https://ha.example.org/", "https://ha.example.org/api/", "wss://ha.example.org/api/websocket")]
    [InlineData("wss://ha.example.org/api/websocket", "https://ha.example.org/api/", "wss://ha.example.org/api/websocket")]
    [InlineData("ws://ha.local:8123/api", "http://ha.local:8123/api/", "ws://ha.local:8123/api/websocket")]
    [InlineData("https://proxy.example.org/ha/", "https://proxy.example.org/ha/api/", "wss://proxy.example.org/ha/api/websocket")]
    [InlineData("http://supervisor/core", "http://supervisor/core/api/", "ws://supervisor/core/websocket")]
    [InlineData("http://supervisor/core/", "http://supervisor/core/api/", "ws://supervisor/core/websocket")]
    public void FromUrl_AnyForm_MapsToApiAndWebSocket(string url, string api, string webSocket)
    {
        var endpoint = HomeAssistantEndpoint.FromUrl(url);

        Assert.Equal(new Uri(api), endpoint.Api);
        Assert.Equal(new Uri(webSocket), endpoint.WebSocket);
    }
}
