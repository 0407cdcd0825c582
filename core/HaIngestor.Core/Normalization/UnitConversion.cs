namespace HaIngestor.Core.Normalization;

/// <summary>
/// Optional conversions to metric units (<see cref="Pipeline.PipelineOptions.ConvertUnits"/>): °F to °C, mph to
/// km/h, inHg to hPa, in to mm, mi to km, lb to kg, gal to L. Chosen by unit alone, so an entity's unit tag is the
/// same whether or not a given state is numeric.
/// </summary>
internal static class UnitConversion
{
    public static bool TryGetTarget(ReadOnlySpan<byte> unit, out ReadOnlySpan<byte> target, out UnitKind kind)
    {
        kind = Kind(unit);
        target = kind switch
        {
            UnitKind.Fahrenheit => "°C"u8,
            UnitKind.Mile => "km"u8,
            UnitKind.MilesPerHour => "km/h"u8,
            UnitKind.InchesOfMercury => "hPa"u8,
            UnitKind.Inch => "mm"u8,
            UnitKind.Pound => "kg"u8,
            UnitKind.Gallon => "L"u8,
            _ => default,
        };
        return kind != UnitKind.None;
    }

    private static UnitKind Kind(ReadOnlySpan<byte> unit)
    {
        if (unit.SequenceEqual("°F"u8) || unit.SequenceEqual("℉"u8))
        {
            return UnitKind.Fahrenheit;
        }

        if (unit.SequenceEqual("mph"u8))
        {
            return UnitKind.MilesPerHour;
        }

        if (unit.SequenceEqual("inHg"u8))
        {
            return UnitKind.InchesOfMercury;
        }

        if (unit.SequenceEqual("in"u8))
        {
            return UnitKind.Inch;
        }

        if (unit.SequenceEqual("mi"u8))
        {
            return UnitKind.Mile;
        }

        if (unit.SequenceEqual("lb"u8))
        {
            return UnitKind.Pound;
        }

        return unit.SequenceEqual("gal"u8) ? UnitKind.Gallon : UnitKind.None;
    }

    public static double Convert(double value, UnitKind kind) => kind switch
    {
        UnitKind.Fahrenheit => (value - 32d) * 5d / 9d,
        UnitKind.Mile or UnitKind.MilesPerHour => value * 1.609344,
        UnitKind.InchesOfMercury => value * 33.8638866667,
        UnitKind.Inch => value * 25.4,
        UnitKind.Pound => value * 0.45359237,
        UnitKind.Gallon => value * 3.785411784,
        _ => value,
    };

    internal enum UnitKind : byte
    {
        None,
        Fahrenheit,
        Mile,
        MilesPerHour,
        InchesOfMercury,
        Inch,
        Pound,
        Gallon,
    }
}
