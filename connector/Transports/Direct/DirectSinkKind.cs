namespace HaIngestor.Connector.Transports.Direct;

/// <summary>Where the direct transport writes lines.</summary>
public enum DirectSinkKind
{
    /// <summary>Daily line-protocol files under <see cref="DirectOptions.DataPath"/>.</summary>
    Files,

    /// <summary>InfluxDB, configured in section <c>InfluxDb</c>.</summary>
    InfluxDb,
}
