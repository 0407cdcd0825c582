using System.Text.Json.Nodes;

namespace HaIngestor.IntegrationTests.Corpus;

internal static partial class EventCorpus
{
    private static void AddNumbersAndTimes(CorpusBuilder b)
    {
        var attrs = Sensor("Numbers", "units");
        b.StateChanged("state NaN", "sensor.state_nan", "NaN", attrs.DeepClone().AsObject());
        b.StateChanged("state inf", "sensor.state_inf", "inf", attrs.DeepClone().AsObject());
        b.StateChanged("state -inf", "sensor.state_neg_inf", "-inf", attrs.DeepClone().AsObject());
        b.StateChanged("state 1e309 overflows", "sensor.state_overflow", "1e309", attrs.DeepClone().AsObject());
        b.StateChanged("state -0", "sensor.state_negative_zero", "-0", attrs.DeepClone().AsObject());
        b.StateChanged("state 0x10", "sensor.state_hex", "0x10", attrs.DeepClone().AsObject());
        b.StateChanged("state integer-looking", "sensor.state_integer", "42", attrs.DeepClone().AsObject());
        b.StateChanged("state float-looking", "sensor.state_float", "3.14159", attrs.DeepClone().AsObject());
        b.StateChanged("state exponent", "sensor.state_exponent", "1.5e3", attrs.DeepClone().AsObject());
        b.StateChanged("state negative", "sensor.state_negative", "-12.75", attrs.DeepClone().AsObject());
        b.StateChanged("state huge integer", "sensor.state_huge_integer", "123456789012345678901234567890", attrs.DeepClone().AsObject());
        b.StateChanged("state comma decimal", "sensor.state_comma_decimal", "3,5", attrs.DeepClone().AsObject());
        b.StateChanged("state with unit text", "sensor.state_with_unit", "12 km", attrs.DeepClone().AsObject());

        // One entity switching between numeric and non-numeric states: `value` must only ever be a float and `state`
        // only ever a string, or InfluxDB refuses the later writes with a field type conflict.
        var flappy = Sensor("Flappy", "°C", "temperature", "measurement");
        b.StateChanged("flappy numeric", "sensor.flappy", "12.5", flappy.DeepClone().AsObject());
        b.StateChanged("flappy unavailable", "sensor.flappy", "unavailable", flappy.DeepClone().AsObject(), oldStateValue: "12.5");
        b.StateChanged("flappy unknown", "sensor.flappy", "unknown", flappy.DeepClone().AsObject(), oldStateValue: "unavailable");
        b.StateChanged("flappy integer", "sensor.flappy", "13", flappy.DeepClone().AsObject(), oldStateValue: "unknown");
        b.StateChanged("flappy text", "sensor.flappy", "error", flappy.DeepClone().AsObject(), oldStateValue: "13");
        b.StateChanged("flappy empty", "sensor.flappy", string.Empty, flappy.DeepClone().AsObject(), oldStateValue: "error");
        b.StateChanged("flappy on", "sensor.flappy", "on", flappy.DeepClone().AsObject(), oldStateValue: string.Empty);

        // Timestamps: naive ones are UTC; offsets are converted; sub-millisecond digits are truncated.
        var at = CorpusBuilder.Base.AddMinutes(30);
        b.StateChanged("naive timestamp", "sensor.naive_time", "1", Sensor("Naive"),
            lastUpdated: "2026-01-15T10:30:00.123456", lastUpdatedValue: at.AddTicks(1_234_560));
        b.StateChanged("positive offset timestamp", "sensor.offset_time", "2", Sensor("Offset"),
            lastUpdated: "2026-01-15T12:30:01.250+02:00", lastUpdatedValue: at.AddSeconds(1).AddMilliseconds(250));
        b.StateChanged("negative half-hour offset timestamp", "sensor.negative_offset_time", "3", Sensor("Negative Offset"),
            lastUpdated: "2026-01-15T06:00:02.5-04:30", lastUpdatedValue: at.AddSeconds(2).AddMilliseconds(500));
        b.StateChanged("Z timestamp without fraction", "sensor.zulu_time", "4", Sensor("Zulu"),
            lastUpdated: "2026-01-15T10:30:03Z", lastUpdatedValue: at.AddSeconds(3));
        b.StateChanged("before 1970: negative epoch, floored", "sensor.old_time", "6", Sensor("Old"),
            lastUpdated: "1969-12-31T23:59:59.9995+00:00", lastUpdatedValue: DateTimeOffset.UnixEpoch.AddTicks(-5_000));
        b.StateChanged("year 1500 is outside InfluxDB's range", "sensor.ancient_time", "7", Sensor("Ancient"),
            lastUpdated: "1500-01-01T00:00:00+00:00", reject: HaIngestor.Core.Pipeline.RejectReason.BadTimestamp);
        b.StateChanged("year 2300 is outside InfluxDB's range", "sensor.future_time", "8", Sensor("Future"),
            lastUpdated: "2300-01-01T00:00:00+00:00", reject: HaIngestor.Core.Pipeline.RejectReason.BadTimestamp);
        b.StateChanged("microseconds truncated", "sensor.micro_time", "5", Sensor("Micro"),
            lastUpdated: "2026-01-15T10:30:04.999999+00:00", lastUpdatedValue: at.AddSeconds(4).AddTicks(9_999_990));
    }
}
