namespace HaIngestor.Adapters.InfluxDb;

/// <summary>Which InfluxDB write API to use.</summary>
public enum InfluxDbApiVersion
{
    /// <summary><c>/api/v2/write</c>: InfluxDB 2.x, 3.x, Cloud and 1.8+ (token, org, bucket).</summary>
    V2,

    /// <summary><c>/write</c>: InfluxDB 1.x such as the Home Assistant add-on (database, retention policy, user and password).</summary>
    V1,
}
