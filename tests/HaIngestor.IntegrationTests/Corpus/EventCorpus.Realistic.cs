using System.Text.Json.Nodes;

namespace HaIngestor.IntegrationTests.Corpus;

internal static partial class EventCorpus
{
    private static void AddRealistic(CorpusBuilder b)
    {
        b.StateChanged("temperature sensor", "sensor.living_room_temperature", "21.5",
            Sensor("Living Room Temperature", "°C", "temperature", "measurement"), oldStateValue: "21.4");
        b.StateChanged("humidity sensor", "sensor.outdoor_humidity", "64",
            Sensor("Outdoor Humidity", "%", "humidity", "measurement"), oldStateValue: "65");
        b.StateChanged("power sensor", "sensor.power_meter", "1234.567", Sensor("Power", "W", "power", "measurement"));
        b.StateChanged("energy total", "sensor.energy_total", "98765.4321", Sensor("Energy", "kWh", "energy", "total_increasing"));
        b.StateChanged("battery sensor", "sensor.phone_battery", "100", Sensor("Phone Battery", "%", "battery", "measurement"));
        b.StateChanged("fahrenheit sensor", "sensor.porch_temperature", "70.7", Sensor("Porch", "°F", "temperature", "measurement"));

        var lightOn = new JsonObject
        {
            ["min_color_temp_kelvin"] = 2000,
            ["max_color_temp_kelvin"] = 6535,
            ["supported_color_modes"] = new JsonArray("color_temp", "hs"),
            ["color_mode"] = "hs",
            ["brightness"] = 254,
            ["color_temp_kelvin"] = 3500,
            ["hs_color"] = new JsonArray(30.0, 80.5),
            ["rgb_color"] = new JsonArray(255, 170, 51),
            ["xy_color"] = new JsonArray(0.5, 0.4),
            ["effect_list"] = new JsonArray("none", "colorloop"),
            ["friendly_name"] = "Kitchen 💡",
            ["supported_features"] = 44,
        };
        b.StateChanged("light on with many attributes", "light.kitchen", "on", lightOn, oldStateValue: "off");
        b.StateChanged("light off with null attributes", "light.kitchen", "off", new JsonObject
        {
            ["supported_color_modes"] = new JsonArray("color_temp", "hs"),
            ["color_mode"] = null,
            ["brightness"] = null,
            ["hs_color"] = null,
            ["friendly_name"] = "Kitchen 💡",
            ["supported_features"] = 44,
        }, oldStateValue: "on", oldAttributes: lightOn.DeepClone().AsObject());

        b.StateChanged("climate heating", "climate.hallway", "heat", new JsonObject
        {
            ["hvac_modes"] = new JsonArray("off", "heat", "auto"),
            ["min_temp"] = 7,
            ["max_temp"] = 35,
            ["current_temperature"] = 20.5,
            ["temperature"] = 21,
            ["current_humidity"] = 48,
            ["hvac_action"] = "heating",
            ["preset_mode"] = "comfort",
            ["friendly_name"] = "Hallway Thermostat",
            ["supported_features"] = 401,
        }, oldStateValue: "off");
        b.StateChanged("door opened", "binary_sensor.front_door", "on", Sensor("Front Door", deviceClass: "door"), oldStateValue: "off");
        b.StateChanged("door closed", "binary_sensor.front_door", "off", Sensor("Front Door", deviceClass: "door"), oldStateValue: "on");
        b.StateChanged("switch on", "switch.coffee_maker", "on", Sensor("Coffee Maker"), oldStateValue: "off");
        b.StateChanged("lock locked", "lock.front_door", "locked", Sensor("Front Door Lock"), oldStateValue: "unlocked");
        b.StateChanged("lock unlocked", "lock.front_door", "unlocked", Sensor("Front Door Lock"), oldStateValue: "locked");
        b.StateChanged("cover open", "cover.garage", "open",
            new JsonObject { ["current_position"] = 100, ["device_class"] = "garage", ["friendly_name"] = "Garage Door" });
        b.StateChanged("cover closed", "cover.garage", "closed",
            new JsonObject { ["current_position"] = 0, ["device_class"] = "garage", ["friendly_name"] = "Garage Door" });
        b.StateChanged("tracker home", "device_tracker.anna_phone", "home", new JsonObject
        {
            ["source_type"] = "gps",
            ["latitude"] = 52.3731,
            ["longitude"] = 4.8922,
            ["gps_accuracy"] = 12,
            ["battery_level"] = 85,
            ["friendly_name"] = "Anna's Phone",
        }, oldStateValue: "not_home");
        b.StateChanged("tracker away", "device_tracker.anna_phone", "not_home",
            new JsonObject { ["source_type"] = "gps", ["battery_level"] = 84, ["friendly_name"] = "Anna's Phone" });
        b.StateChanged("person in a zone", "person.anna", "Work",
            new JsonObject { ["editable"] = true, ["id"] = "anna", ["user_id"] = "abc123", ["device_trackers"] = new JsonArray("device_tracker.anna_phone"), ["friendly_name"] = "Anna" });
        b.StateChanged("media playing", "media_player.living_room", "playing", new JsonObject
        {
            ["volume_level"] = 0.35,
            ["is_volume_muted"] = false,
            ["media_content_type"] = "music",
            ["media_title"] = "Don't Stop Me Now",
            ["media_artist"] = "Queen",
            ["friendly_name"] = "Living Room Speaker",
        }, oldStateValue: "idle");
        b.StateChanged("sun", "sun.sun", "above_horizon", new JsonObject
        {
            ["next_dawn"] = "2026-01-16T06:58:51.123456+00:00",
            ["elevation"] = 23.4,
            ["azimuth"] = 180.1,
            ["rising"] = false,
            ["friendly_name"] = "Sun",
        });
        b.StateChanged("weather entity with forecast list", "weather.home", "partlycloudy", new JsonObject
        {
            ["temperature"] = 7.2,
            ["dew_point"] = 4.1,
            ["temperature_unit"] = "°C",
            ["humidity"] = 81,
            ["pressure"] = 1012.3,
            ["pressure_unit"] = "hPa",
            ["wind_bearing"] = 225.5,
            ["wind_speed"] = 14.4,
            ["wind_speed_unit"] = "km/h",
            ["forecast"] = new JsonArray(
                new JsonObject { ["datetime"] = "2026-01-16T00:00:00+00:00", ["condition"] = "rainy", ["temperature"] = 8.5 },
                new JsonObject { ["datetime"] = "2026-01-17T00:00:00+00:00", ["condition"] = "sunny", ["temperature"] = 9 }),
            ["attribution"] = "Data provided by the Norwegian Meteorological Institute",
            ["friendly_name"] = "Home",
        });
        b.StateChanged("automation", "automation.morning_lights", "on", new JsonObject
        {
            ["id"] = "1700000000123",
            ["last_triggered"] = "2026-01-15T06:00:00.000123+00:00",
            ["mode"] = "single",
            ["current"] = 0,
            ["friendly_name"] = "Morning lights",
        });
        b.StateChanged("input number", "input_number.target_temperature", "21.0", new JsonObject
        {
            ["initial"] = null,
            ["editable"] = true,
            ["min"] = 5.0,
            ["max"] = 30.0,
            ["step"] = 0.5,
            ["mode"] = "slider",
            ["unit_of_measurement"] = "°C",
            ["friendly_name"] = "Target",
        });
        b.StateChanged("update with multi-line release notes", "update.home_assistant_core_update", "off", new JsonObject
        {
            ["installed_version"] = "2026.1.0",
            ["latest_version"] = "2026.1.0",
            ["release_summary"] = "## Changes\n- Fixed \"things\"\r\n- More\tstuff\n",
            ["title"] = "Home Assistant Core",
            ["friendly_name"] = "Home Assistant Core Update",
        });
        b.StateChanged("timestamp sensor", "sensor.last_boot", "2026-01-15T09:00:00+00:00", Sensor("Last Boot", deviceClass: "timestamp"));
        b.StateChanged("added entity (no old state)", "sensor.new_plug_power", "0.0", Sensor("New Plug Power", "W", "power", "measurement"));
        b.StateChanged("removed entity (new state null)", "sensor.old_plug_power", null, oldStateValue: "3.5",
            oldAttributes: Sensor("Old Plug Power", "W", "power", "measurement"));
        b.StateChanged("envelope with home and area", "sensor.beach_house_temperature", "19.25",
            Sensor("Beach House Temperature", "°C", "temperature", "measurement"),
            ingestor: new JsonObject { ["home"] = "Beach House", ["area"] = "Living Room" });
        b.StateChanged("envelope with hostile home, area and device", "sensor.flat_temperature", "18",
            Sensor("Flat Temperature", "°C", "temperature", "measurement"),
            ingestor: new JsonObject { ["home"] = "Mum's \"Flat\", 2=nd floor\\", ["area"] = "Kitchen\tCorner", ["device"] = "Sensor, v2 = \"new\"" });
        b.StateChanged("catch-up state from get_states", "sensor.catch_up_temperature", "20.0",
            Sensor("Catch-up Temperature", "°C", "temperature", "measurement"),
            ingestor: new JsonObject { ["home"] = "Main", ["catch_up"] = true });
        b.StateChanged("entity id of 255 characters", "sensor." + new string('a', 120) + "_" + new string('9', 127), "1",
            Sensor("Longest Id"));
        b.StateChanged("area attribute", "sensor.office_co2", "612", new JsonObject
        {
            ["unit_of_measurement"] = "ppm",
            ["device_class"] = "carbon_dioxide",
            ["area"] = "Office",
            ["friendly_name"] = "Office CO2",
        });
    }
}
