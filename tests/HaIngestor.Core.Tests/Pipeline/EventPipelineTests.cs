using HaIngestor.Core.Enrichment;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Tests.TestData;
using static HaIngestor.Core.Tests.Pipeline.PipelineRun;

namespace HaIngestor.Core.Tests.Pipeline;

public sealed class EventPipelineTests
{
    private const string Ts = "1714564800123";

    [Fact]
    public void Process_SensorWithUnit_ExactDefaultLine()
    {
        var message = HaEvents.Simple(
            "sensor.living_temp",
            "\"21.5\"",
            """{"state_class":"measurement","unit_of_measurement":"°C","device_class":"temperature","friendly_name":"Living \"T\"","temperature":21.5,"battery_level":"low"}""",
            "\"21.0\"");

        var (result, lines) = Run(message);

        Assert.Equal(ProcessResult.Written(1), result);
        Assert.Equal(
            "home_assistant_events,device_class=temperature,domain=sensor,entity_id=sensor.living_temp,event_type=state_changed,state_class=measurement,unit=°C "
            + "state=\"21.5\",value=21.5,old_state=\"21.0\",friendly_name=\"Living \\\"T\\\"\","
            + "attributes=\"{\\\"state_class\\\":\\\"measurement\\\",\\\"unit_of_measurement\\\":\\\"°C\\\",\\\"device_class\\\":\\\"temperature\\\",\\\"friendly_name\\\":\\\"Living \\\\\\\"T\\\\\\\"\\\",\\\"temperature\\\":21.5,\\\"battery_level\\\":\\\"low\\\"}\","
            + "attr_temperature=21.5 " + Ts + "\n",
            lines);
    }

    [Fact]
    public void Process_SensorWithUnit_ExactHomeAssistantLine()
    {
        var message = HaEvents.Simple(
            "sensor.living_temp",
            "\"21.5\"",
            """{"state_class":"measurement","unit_of_measurement":"°C","device_class":"temperature","friendly_name":"Living","battery":"12.5 %","ok":true,"list":[1,2],"none":null,"state":"x","nan":"NaN","big":1e999}""");

        var (result, lines) = Run(message, new PipelineOptions { Schema = PointSchema.HomeAssistant });

        Assert.Equal(ProcessResult.Written(1), result);
        Assert.Equal(
            "°C,domain=sensor,entity_id=living_temp value=21.5,state_class_str=\"measurement\",device_class_str=\"temperature\",friendly_name_str=\"Living\","
            + "battery_str=\"12.5 %\",battery=12.5,ok=1,list_str=\"[1,2]\",none_str=\"None\",state__str=\"x\" " + Ts + "\n",
            lines);
    }

    [Fact]
    public void Process_AttributesWithLeadingUnderscoreHomeAssistantSchema_KeysUnchangedAsHomeAssistantWritesThem()
    {
        // Home Assistant's event_to_json keeps every attribute name as it is, InfluxDB's own column names and other
        // leading underscores included (InfluxDB 2.x reserves them); renaming them would break its dashboards' queries.
        var message = HaEvents.Simple(
            "sensor.power",
            "\"7\"",
            """{"unit_of_measurement":"W","_value":1,"_field":"not_a_field","_time":"2026-01-01T00:00:00Z","_private":"12.5 kW","_start":true}""");

        var (result, lines) = Run(message, new PipelineOptions { Schema = PointSchema.HomeAssistant });

        Assert.Equal(ProcessResult.Written(1), result);
        Assert.Equal(
            "W,domain=sensor,entity_id=power value=7,_value=1,_field_str=\"not_a_field\",_time_str=\"2026-01-01T00:00:00Z\",_time=20260101000000,_private_str=\"12.5 kW\",_private=12.5,_start=1 " + Ts + "\n",
            lines);
    }

    [Fact]
    public void Process_SwitchHomeAssistantSchema_StateAndValueAndEntityMeasurement()
    {
        var (result, lines) = Run(HaEvents.Simple("switch.pump", "\"on\"", """{"friendly_name":"Pump"}"""), new PipelineOptions { Schema = PointSchema.HomeAssistant });

        Assert.Equal(ProcessResult.Written(1), result);
        Assert.Equal("switch.pump,domain=switch,entity_id=pump state=\"on\",value=1,friendly_name_str=\"Pump\" " + Ts + "\n", lines);
    }

    [Theory]
    [InlineData("\"unknown\"")]
    [InlineData("\"unavailable\"")]
    [InlineData("\"\"")]
    public void Process_UnavailableHomeAssistantSchema_Skipped(string state)
    {
        var (result, lines) = Run(HaEvents.Simple("sensor.x", state), new PipelineOptions { Schema = PointSchema.HomeAssistant });

        Assert.Equal(ProcessResult.Skipped, result);
        Assert.Empty(lines);
    }

    [Theory]
    [InlineData("\"unknown\"")]
    [InlineData("\"unavailable\"")]
    [InlineData("\"\"")]
    public void Process_UnavailableDefaultSchema_StateWithoutValueOrSkipped(string state)
    {
        var (kept, keptLines) = Run(HaEvents.Simple("sensor.x", state));
        var (skipped, _) = Run(HaEvents.Simple("sensor.x", state), new PipelineOptions { SkipUnavailableStates = true });

        Assert.Equal(ProcessResult.Written(1), kept);
        Assert.Contains($" state={state},attributes=", keptLines, StringComparison.Ordinal);
        Assert.DoesNotContain("value=", keptLines, StringComparison.Ordinal);
        Assert.Equal(ProcessResult.Skipped, skipped);
    }

    [Theory]
    [InlineData("42", "42")]
    [InlineData("-0", "0")]
    [InlineData("21.50", "21.5")]
    [InlineData("1e3", "1000")]
    [InlineData("on", "1")]
    [InlineData("off", "0")]
    [InlineData("open", "1")]
    [InlineData("closed", "0")]
    [InlineData("home", "1")]
    [InlineData("not_home", "0")]
    [InlineData("locked", "1")]
    [InlineData("unlocked", "0")]
    [InlineData("true", "1")]
    [InlineData("false", "0")]
    [InlineData("playing", "1")]
    [InlineData("idle", "0")]
    public void Process_NumericOrBooleanLikeState_Value(string state, string value)
    {
        var (_, lines) = Run(HaEvents.Simple("sensor.x", HaEvents.Quote(state)));

        Assert.Contains($",value={value},", lines, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("inf")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e309")]
    [InlineData("0x10")]
    [InlineData(" 12")]
    [InlineData("1,5")]
    [InlineData("12 W")]
    [InlineData("heat")]
    public void Process_NonNumericState_NoValueStateKept(string state)
    {
        var (result, lines) = Run(HaEvents.Simple("sensor.x", HaEvents.Quote(state)));

        Assert.Equal(ProcessResult.Written(1), result);
        Assert.DoesNotContain("value=", lines, StringComparison.Ordinal);
        Assert.Contains("state=\"", lines, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_Removal_StateEmptyRemovedTrueAtTimeFired()
    {
        var old = HaEvents.State("light.a", "\"on\"", """{"friendly_name":"A","device_class":"x"}""", "2024-01-01T00:00:00+00:00");

        var (result, lines) = Run(HaEvents.StateChanged("\"light.a\"", null, old));

        Assert.Equal(ProcessResult.Written(1), result);
        Assert.Equal("home_assistant_events,device_class=x,domain=light,entity_id=light.a,event_type=state_changed state=\"\",removed=true,old_state=\"on\",friendly_name=\"A\" " + Ts + "\n", lines);
    }

    [Fact]
    public void Process_Envelope_HomeAreaDeviceTagsAndCatchUpField()
    {
        var message = HaEvents.StateChanged(
            "\"sensor.x\"",
            HaEvents.State("sensor.x", "\"1\"", """{"area":"attr area"}"""),
            envelope: "\"ingestor\":{\"home\":\"Main, home\",\"area\":\"Living room\",\"device\":\"Dev\",\"catch_up\":true},");

        var (_, lines) = Run(message);

        Assert.StartsWith("home_assistant_events,area=Living\\ room,device=Dev,domain=sensor,entity_id=sensor.x,event_type=state_changed,home=Main\\,\\ home state=\"1\",value=1,", lines, StringComparison.Ordinal);
        Assert.EndsWith(",catch_up=true " + Ts + "\n", lines, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_AttributeArea_UsedWithoutEnvelope()
    {
        var (_, lines) = Run(HaEvents.Simple("sensor.x", "\"1\"", """{"area":"Kitchen"}"""));

        Assert.StartsWith("home_assistant_events,area=Kitchen,", lines, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_Weather_TagsAndFields()
    {
        var weather = new WeatherSnapshot("Berlin", "rain", 12.5, 80, 1013, 3.5, 90, DateTimeOffset.UnixEpoch, Stale: true);

        var (_, lines) = Run(HaEvents.Simple("sensor.x", "\"1\""), enrichment: new EnrichmentContext(weather));

        Assert.Contains(",location=Berlin,weather_condition=rain ", lines, StringComparison.Ordinal);
        Assert.Contains(",temperature=12.5,humidity=80,pressure=1013,wind_speed=3.5,clouds=90,weather_stale=true", lines, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_LocationOption_TagWithoutWeather()
    {
        var (_, lines) = Run(HaEvents.Simple("sensor.x", "\"1\""), new PipelineOptions { Location = "Home town" });

        Assert.Contains(",location=Home\\ town ", lines, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_ConvertUnits_FahrenheitToCelsiusWithOriginalUnit()
    {
        var message = HaEvents.Simple("sensor.t", "\"212\"", """{"unit_of_measurement":"°F"}""");

        var (_, lines) = Run(message, new PipelineOptions { ConvertUnits = true });
        var (_, haLines) = Run(message, new PipelineOptions { ConvertUnits = true, Schema = PointSchema.HomeAssistant });

        Assert.Contains(",original_unit=°F,unit=°C state=\"212\",value=100,", lines, StringComparison.Ordinal);
        Assert.StartsWith("°C,domain=sensor,entity_id=t,original_unit=°F value=100 ", haLines, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_CallService_OwnMeasurement()
    {
        var (result, lines) = Run(HaEvents.CallService("light", "turn_on", """{"entity_id":["light.a","light.b"],"brightness":255}"""));

        Assert.Equal(ProcessResult.Written(1), result);
        Assert.Equal(
            "home_assistant_service_calls,domain=light,event_type=call_service,service=turn_on "
            + "service_data=\"{\\\"entity_id\\\":[\\\"light.a\\\",\\\"light.b\\\"],\\\"brightness\\\":255}\",service_entity_id=\"[\\\"light.a\\\",\\\"light.b\\\"]\",context_id=\"01HX0000000000000000000002\",user_id=\"abc\" 1714564800123\n",
            lines);
    }

    [Fact]
    public void Process_OtherEvent_GenericMeasurement()
    {
        var (result, lines) = Run(HaEvents.Other("automation_triggered", """{"name":"Lights","entity_id":"automation.lights"}"""), new PipelineOptions { Schema = PointSchema.HomeAssistant });

        Assert.Equal(ProcessResult.Written(1), result);
        Assert.Equal(
            "home_assistant_other_events,entity_id=automation.lights,event_type=automation_triggered "
            + "data=\"{\\\"name\\\":\\\"Lights\\\",\\\"entity_id\\\":\\\"automation.lights\\\"}\",context_id=\"01HX0000000000000000000003\" 1714564800123\n",
            lines);
    }
}
