namespace HaIngestor.Core.Quality;

/// <summary>Which plausibility rule applies to an entity's numeric states (see <see cref="DeviceClassRanges"/>).</summary>
internal enum RangeClass : byte
{
    None,
    Temperature,
    Humidity,
    Moisture,
    Battery,
    Pressure,
    Illuminance,
    CarbonDioxide,
    Pm25,
    PowerFactor,

    /// <summary><c>state_class: total_increasing</c>: a small dip is implausible (a large drop is a meter reset).</summary>
    TotalIncreasing,
}
