using System.Globalization;

namespace HaIngestor.Simulator.Home;

/// <summary>Furnishes a realistic home: areas, devices, entities and their initial states, all from the seed.</summary>
internal static class HomeBuilder
{
    private static readonly (string Id, string Name, string? Icon)[] AreaDefinitions =
    [
        ("kitchen", "Kitchen", "mdi:silverware-fork-knife"),
        ("living_room", "Living Room", "mdi:sofa"),
        ("bedroom", "Bedroom", "mdi:bed"),
        ("bathroom", "Bathroom", "mdi:shower"),
        ("hallway", "Hallway", null),
        ("office", "Office", "mdi:desk"),
        ("garage", "Garage", "mdi:garage"),
    ];

    public static void Furnish(SimulatedHome home)
    {
        lock (home.Gate)
        {
            foreach (var (id, name, icon) in AreaDefinitions)
            {
                home.Areas.Add(new SimArea(id, name, icon));
            }

            var f = new Furnisher(home);
            foreach (var area in new[] { "kitchen", "living_room", "bedroom", "bathroom", "office" })
            {
                var areaName = AreaName(area);
                var device = f.Device($"{areaName} Climate Sensor", area, "Aqara", "Temperature and Humidity Sensor T1", "zha");
                var baseTemp = 19 + home.Random.NextDouble() * 3;
                f.Sensor(device, $"sensor.{area}_temperature", $"{areaName} Temperature", Round(baseTemp, 1), "°C", "temperature", "measurement");
                f.Sensor(device, $"sensor.{area}_humidity", $"{areaName} Humidity", Round(45 + home.Random.NextDouble() * 15, 0), "%", "humidity", "measurement");
            }

            var meter = f.Device("Energy Meter", "garage", "Shelly", "Shelly Pro 3EM", "shelly");
            f.Sensor(meter, "sensor.house_power", "House Power", 420.0, "W", "power", "measurement");
            f.Sensor(meter, "sensor.house_energy", "House Energy", 15234.512, "kWh", "energy", "total_increasing");
            var washer = f.Device("Washing Machine Plug", "bathroom", "Shelly", "Shelly Plug S", "shelly");
            f.Sensor(washer, "sensor.washing_machine_power", "Washing Machine Power", 1.2, "W", "power", "measurement");
            f.Sensor(washer, "sensor.washing_machine_energy", "Washing Machine Energy", 312.04, "kWh", "energy", "total_increasing");

            f.Light(f.Device("Kitchen Ceiling", "kitchen", "Philips", "Hue White and Color Ambiance", "hue"), "light.kitchen_ceiling", "Kitchen Ceiling");
            f.Light(f.Device("Living Room Lamp", "living_room", "Philips", "Hue Go", "hue"), "light.living_room_lamp", "Living Room Lamp");
            f.Light(f.Device("Bedroom Lamp", "bedroom", "IKEA of Sweden", "TRADFRI bulb E27 CWS", "zha", nameByUser: "Bedside Lamp"), "light.bedroom_lamp", "Bedroom Lamp");
            f.Light(f.Device("Office Desk Light", "office", "Philips", "Hue Play", "hue"), "light.office_desk", "Office Desk Light");

            f.Switch(f.Device("Coffee Machine Plug", "kitchen", "TP-Link", "HS110", "tplink"), "switch.coffee_machine", "Coffee Machine");
            f.Switch(f.Device("Garage Heater Plug", "garage", "TP-Link", "HS110", "tplink"), "switch.garage_heater", "Garage Heater");

            f.Binary(f.Device("Hallway Motion Sensor", "hallway", "Aqara", "Motion Sensor P1", "zha"), "binary_sensor.hallway_motion", "Hallway Motion", "motion");
            f.Binary(f.Device("Front Door Sensor", "hallway", "Aqara", "Door and Window Sensor", "zha"), "binary_sensor.front_door", "Front Door", "door");
            f.Binary(f.Device("Garage Door Sensor", "garage", "Aqara", "Door and Window Sensor", "zha"), "binary_sensor.garage_door", "Garage Door", "door");

            f.Climate(f.Device("Living Room Thermostat", "living_room", "Netatmo", "Smart Thermostat", "netatmo"), "climate.living_room", "Living Room Thermostat");
            f.Weather(f.Device("Forecast Home", null, "Met.no", "Forecast", "met"), "weather.home", "Forecast Home");

            f.Automation("automation.hallway_motion_light", "Hallway motion light", "1700000000001");
            f.Automation("automation.good_night", "Good night", "1700000000002");
            f.Automation("automation.coffee_in_the_morning", "Coffee in the morning", "1700000000003");

            // Child devices of the thermostat (HA 2026.8+): one follows its parent's area, one has its own.
            var thermostat = home.Devices.Single(d => d.Name == "Living Room Thermostat");
            var children = new Furnisher(home, new Random(home.Seed ^ 0x2026_08));
            var valve = children.Device("Living Room Radiator Valve", null, "Netatmo", "Smart Radiator Valve", "netatmo", parentDeviceId: thermostat.Id);
            children.Sensor(valve, "sensor.living_room_valve_position", "Living Room Valve Position", 35, "%", "power_factor", "measurement");
            var towelRail = children.Device("Towel Rail Valve", "bathroom", "Netatmo", "Smart Radiator Valve", "netatmo", parentDeviceId: thermostat.Id);
            children.Sensor(towelRail, "sensor.towel_rail_valve_position", "Towel Rail Valve Position", 0, "%", "power_factor", "measurement");
        }
    }

    /// <summary>Adds <paramref name="count"/> power sensors on devices of four, spread over the areas, for big-home runs.</summary>
    public static void AddExtraEntities(SimulatedHome home, int count)
    {
        lock (home.Gate)
        {
            var f = new Furnisher(home, new Random(home.Seed ^ 0x0B16));
            SimDevice? device = null;
            for (var i = 0; i < count; i++)
            {
                if (i % 4 == 0)
                {
                    var area = AreaDefinitions[(i / 4) % AreaDefinitions.Length].Id;
                    device = f.Device($"Smart Plug {(i / 4) + 1:0000}", area, "Shelly", "Shelly Plus Plug S", "shelly");
                }

                var name = $"Smart Plug {(i / 4) + 1:0000} Power {(i % 4) + 1}";
                f.Sensor(device!, $"sensor.smart_plug_{(i / 4) + 1:0000}_power_{(i % 4) + 1}", name, 3 + (i % 97), "W", "power", "measurement");
            }
        }
    }

    public static string AreaName(string areaId) =>
        CultureInfo.InvariantCulture.TextInfo.ToTitleCase(areaId.Replace('_', ' '));

    public static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);

    public static string Number(double value, int digits) =>
        Round(value, digits).ToString("0." + new string('#', Math.Max(digits, 1)), CultureInfo.InvariantCulture);

    /// <param name="random">Ids come from here: the home's own source, or a separate one so additions do not shift the rest.</param>
    private sealed class Furnisher(SimulatedHome home, Random? random = null)
    {
        private int _entryCounter;

        public SimDevice Device(
            string name, string? area, string manufacturer, string model, string platform, string? nameByUser = null, string? parentDeviceId = null)
        {
            var device = new SimDevice(Hex(32), name, nameByUser, area, manufacturer, model, Hex(26).ToUpperInvariant(), platform, parentDeviceId);
            home.Devices.Add(device);
            return device;
        }

        public void Sensor(SimDevice device, string entityId, string name, double value, string unit, string deviceClass, string stateClass)
        {
            var digits = unit == "kWh" ? 3 : unit == "%" ? 0 : 1;
            Add(device, entityId, name, Number(value, digits), new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["state_class"] = stateClass,
                ["unit_of_measurement"] = unit,
                ["device_class"] = deviceClass,
                ["friendly_name"] = name,
            });
        }

        public void Light(SimDevice device, string entityId, string name)
        {
            Add(device, entityId, name, "off", LightAttributes.Off(name));
        }

        public void Switch(SimDevice device, string entityId, string name)
        {
            Add(device, entityId, name, "off", new Dictionary<string, object?>(StringComparer.Ordinal) { ["friendly_name"] = name });
        }

        public void Binary(SimDevice device, string entityId, string name, string deviceClass)
        {
            Add(device, entityId, name, "off", new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["device_class"] = deviceClass,
                ["friendly_name"] = name,
            });
        }

        public void Climate(SimDevice device, string entityId, string name)
        {
            Add(device, entityId, name, "heat", new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["hvac_modes"] = new[] { "off", "heat", "auto" },
                ["min_temp"] = 7.0,
                ["max_temp"] = 35.0,
                ["target_temp_step"] = 0.5,
                ["current_temperature"] = 20.5,
                ["temperature"] = 21.0,
                ["hvac_action"] = "heating",
                ["preset_mode"] = null,
                ["preset_modes"] = new[] { "away", "boost", "schedule" },
                ["friendly_name"] = name,
                ["supported_features"] = 401,
            });
        }

        public void Weather(SimDevice device, string entityId, string name)
        {
            Add(device, entityId, name, "partlycloudy", new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["temperature"] = 8.4,
                ["dew_point"] = 4.1,
                ["temperature_unit"] = "°C",
                ["humidity"] = 74,
                ["cloud_coverage"] = 55.5,
                ["uv_index"] = 0.6,
                ["pressure"] = 1013.2,
                ["pressure_unit"] = "hPa",
                ["wind_bearing"] = 232.1,
                ["wind_speed"] = 14.4,
                ["wind_speed_unit"] = "km/h",
                ["visibility_unit"] = "km",
                ["precipitation_unit"] = "mm",
                ["attribution"] = "Weather forecast from met.no, delivered by the Norwegian Meteorological Institute.",
                ["friendly_name"] = name,
                ["supported_features"] = 3,
            });
        }

        public void Automation(string entityId, string name, string id)
        {
            Add(null, entityId, name, "on", new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["id"] = id,
                ["last_triggered"] = null,
                ["mode"] = "single",
                ["current"] = 0,
                ["friendly_name"] = name,
            }, platform: "automation");
        }

        private void Add(SimDevice? device, string entityId, string name, string state, Dictionary<string, object?> attributes, string? platform = null)
        {
            _entryCounter++;
            home.Entities.Add(new SimEntity(
                entityId,
                Hex(32),
                device is null ? entityId : $"{device.Id[..12]}-{_entryCounter}",
                platform ?? device?.Platform ?? "template",
                device?.Id,
                null,
                name,
                device?.ConfigEntryId));
            home.SetState(entityId, state, attributes);
        }

        private string Hex(int length)
        {
            Span<byte> bytes = stackalloc byte[length / 2];
            (random ?? home.Random).NextBytes(bytes);
            return Convert.ToHexStringLower(bytes);
        }
    }
}
