using System.Net;

namespace HaIngestor.TestUtilities;

/// <summary>What InfluxDB answered to a /write: 204 with an empty body when every line was accepted.</summary>
public sealed record InfluxWriteResponse(HttpStatusCode StatusCode, string Body)
{
    /// <summary>True for 204 No Content, the only answer meaning zero rejected lines.</summary>
    public bool IsSuccess => StatusCode == HttpStatusCode.NoContent;
}
