namespace HaIngestor.Core.Quality;

/// <summary>
/// Plausible ranges of numeric states by Home Assistant device class, in the entity's own unit: temperature
/// -60..90 °C (-76..194 °F, 213.15..363.15 K), humidity, moisture and battery 0..100 %, atmospheric pressure
/// 300..1100 hPa (in hPa, mbar, inHg or mmHg only: kPa, bar and psi also measure water and tyre pressure),
/// illuminance 0..200,000 lx, CO2 0..50,000 ppm, PM2.5 0..2,000 µg/m³, power factor -100..100 % (-1..1 unitless).
/// A device class with a unit the table does not know is not checked.
/// </summary>
/// <remarks>
/// <c>total_increasing</c> follows Home Assistant's statistics: a drop to under 90 % of the previous value is a new
/// meter cycle (a reset, fine); a smaller decrease is a dip Home Assistant itself warns about, counted here.
/// </remarks>
internal static class DeviceClassRanges
{
    /// <summary>Fraction of the previous value under which a <c>total_increasing</c> decrease is a reset.</summary>
    public const double ResetFraction = 0.9;

    /// <summary>The tag value of a range class in metrics.</summary>
    public static string Name(RangeClass rangeClass) => rangeClass switch
    {
        RangeClass.Temperature => "temperature",
        RangeClass.Humidity => "humidity",
        RangeClass.Moisture => "moisture",
        RangeClass.Battery => "battery",
        RangeClass.Pressure => "pressure",
        RangeClass.Illuminance => "illuminance",
        RangeClass.CarbonDioxide => "carbon_dioxide",
        RangeClass.Pm25 => "pm25",
        RangeClass.PowerFactor => "power_factor",
        RangeClass.TotalIncreasing => "total_increasing",
        _ => "none",
    };

    /// <summary>The rule for an entity from its device class, unit and state class (UTF-8, as in the event).</summary>
    public static RangeClass Classify(ReadOnlySpan<byte> deviceClass, ReadOnlySpan<byte> unit, ReadOnlySpan<byte> stateClass)
    {
        if (stateClass.SequenceEqual("total_increasing"u8))
        {
            return RangeClass.TotalIncreasing;
        }

        if (deviceClass.IsEmpty)
        {
            return RangeClass.None;
        }

        return deviceClass switch
        {
            _ when deviceClass.SequenceEqual("temperature"u8) => RangeClass.Temperature,
            _ when deviceClass.SequenceEqual("humidity"u8) => RangeClass.Humidity,
            _ when deviceClass.SequenceEqual("moisture"u8) => RangeClass.Moisture,
            _ when deviceClass.SequenceEqual("battery"u8) => RangeClass.Battery,
            _ when deviceClass.SequenceEqual("pressure"u8) || deviceClass.SequenceEqual("atmospheric_pressure"u8) => RangeClass.Pressure,
            _ when deviceClass.SequenceEqual("illuminance"u8) => RangeClass.Illuminance,
            _ when deviceClass.SequenceEqual("carbon_dioxide"u8) => RangeClass.CarbonDioxide,
            _ when deviceClass.SequenceEqual("pm25"u8) => RangeClass.Pm25,
            _ when deviceClass.SequenceEqual("power_factor"u8) => RangeClass.PowerFactor,
            _ => RangeClass.None,
        };
    }

    /// <summary>
    /// True when <paramref name="value"/> is implausible for the rule; <paramref name="previous"/> is the last value
    /// (for <c>total_increasing</c>), NaN when none.
    /// </summary>
    public static bool IsOutOfRange(RangeClass rangeClass, ReadOnlySpan<byte> unit, double value, double previous)
    {
        switch (rangeClass)
        {
            case RangeClass.None:
                return false;
            case RangeClass.TotalIncreasing:
                return !double.IsNaN(previous) && value < previous && value >= previous * ResetFraction;
            case RangeClass.Temperature:
                return unit switch
                {
                    _ when unit.SequenceEqual("°C"u8) => Outside(value, -60, 90),
                    _ when unit.SequenceEqual("°F"u8) => Outside(value, -76, 194),
                    _ when unit.SequenceEqual("K"u8) => Outside(value, 213.15, 363.15),
                    _ => false,
                };
            case RangeClass.Humidity:
            case RangeClass.Moisture:
            case RangeClass.Battery:
                return unit.SequenceEqual("%"u8) && Outside(value, 0, 100);
            case RangeClass.Pressure:
                return unit switch
                {
                    _ when unit.SequenceEqual("hPa"u8) || unit.SequenceEqual("mbar"u8) => Outside(value, 300, 1100),
                    _ when unit.SequenceEqual("inHg"u8) => Outside(value, 8.86, 32.48),
                    _ when unit.SequenceEqual("mmHg"u8) => Outside(value, 225, 825),
                    _ => false,
                };
            case RangeClass.Illuminance:
                return unit.SequenceEqual("lx"u8) && Outside(value, 0, 200_000);
            case RangeClass.CarbonDioxide:
                return unit.SequenceEqual("ppm"u8) && Outside(value, 0, 50_000);
            case RangeClass.Pm25:
                return unit.SequenceEqual("µg/m³"u8) && Outside(value, 0, 2_000);
            case RangeClass.PowerFactor:
                return unit.SequenceEqual("%"u8) ? Outside(value, -100, 100) : unit.IsEmpty && Outside(value, -1, 1);
            default:
                return false;
        }
    }

    private static bool Outside(double value, double min, double max) => value < min || value > max;
}
