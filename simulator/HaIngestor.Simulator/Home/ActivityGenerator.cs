using System.Globalization;

namespace HaIngestor.Simulator.Home;

/// <summary>Life in the house: sensors drift, people switch lights, doors open, automations fire. Driven by the seed.</summary>
internal sealed class ActivityGenerator
{
    private readonly SimulatedHome _home;
    private string[] _climateSensors;
    private readonly string[] _binarySensors;
    private readonly string[] _lights;
    private readonly string[] _switches;
    private readonly string[] _automations;
    private readonly string[] _powerSensors = ["sensor.house_power", "sensor.washing_machine_power"];
    private readonly string[] _conditions = ["sunny", "partlycloudy", "cloudy", "rainy", "fog", "windy"];

    public ActivityGenerator(SimulatedHome home)
    {
        _home = home;
        var ids = home.Entities.Select(e => e.EntityId).ToList();
        _climateSensors = [.. ids.Where(id => id.EndsWith("_temperature", StringComparison.Ordinal) || id.EndsWith("_humidity", StringComparison.Ordinal))];
        _binarySensors = [.. ids.Where(id => id.StartsWith("binary_sensor.", StringComparison.Ordinal))];
        _lights = [.. ids.Where(id => id.StartsWith("light.", StringComparison.Ordinal))];
        _switches = [.. ids.Where(id => id.StartsWith("switch.", StringComparison.Ordinal))];
        _automations = [.. ids.Where(id => id.StartsWith("automation.", StringComparison.Ordinal))];
    }

    /// <summary>
    /// A data-quality fault, as a flat battery or a dead Zigbee router causes: the first <paramref name="silence"/>
    /// temperature and humidity sensors stop reporting, the next <paramref name="unavailable"/> turn
    /// <c>unavailable</c> and stay so. Returns the entities affected.
    /// </summary>
    public IReadOnlyList<string> Degrade(int silence, int unavailable)
    {
        lock (_home.Gate)
        {
            var ordered = _climateSensors.Order(StringComparer.Ordinal).ToArray();
            var silenced = ordered.Take(silence).ToArray();
            var broken = ordered.Skip(silenced.Length).Take(unavailable).ToArray();
            foreach (var entityId in broken)
            {
                _home.SetState(entityId, "unavailable", null);
            }

            // At least one sensor keeps drifting, so the home's clock keeps running.
            var remaining = _climateSensors.Except(silenced).Except(broken).ToArray();
            _climateSensors = remaining.Length > 0 ? remaining : _climateSensors;
            return [.. silenced, .. broken];
        }
    }

    /// <summary>Performs one random activity firing at most <paramref name="maxEvents"/> events; returns how many it fired.</summary>
    /// <remarks>Counted on the bus: an activity that changes nothing (a light already at that brightness) fires nothing.</remarks>
    public int Step(int maxEvents)
    {
        lock (_home.Gate)
        {
            var before = _home.EventsFired;
            Act(maxEvents);
            return (int)(_home.EventsFired - before);
        }
    }

    private int Act(int maxEvents)
    {
        {
            var roll = _home.Random.Next(100);
            if (maxEvents >= 2)
            {
                switch (roll)
                {
                    case < 8:
                        return UseLight();
                    case < 12:
                        return UseSwitch();
                    case < 16:
                        return AutomationRun.Trigger(_home, Pick(_automations), "state of binary_sensor.hallway_motion");
                    default:
                        break;
                }
            }

            return roll switch
            {
                < 26 => ToggleBinary(),
                < 28 => DriftClimate(),
                < 30 => ChangeWeather(),
                < 45 => DriftPower(),
                _ => DriftClimateSensor(),
            };
        }
    }

    private int DriftClimateSensor()
    {
        var entityId = Pick(_climateSensors);
        var state = _home.GetState(entityId)!;
        var humidity = entityId.EndsWith("_humidity", StringComparison.Ordinal);
        var value = Parse(state.State);
        var step = humidity ? (_home.Random.Next(2) == 0 ? -1 : 1) : (_home.Random.Next(2) == 0 ? -0.1 : 0.1);
        var next = humidity ? Math.Clamp(value + step, 25, 90) : Math.Clamp(value + step, 12, 30);
        if (next == value)
        {
            next = value - step;
        }

        _home.SetState(entityId, HomeBuilder.Number(next, humidity ? 0 : 1), null);
        return 1;
    }

    private int DriftPower()
    {
        var entityId = Pick(_powerSensors);
        var value = Parse(_home.GetState(entityId)!.State);
        var next = Math.Max(0.5, value + ((_home.Random.NextDouble() - 0.5) * 80));
        if (_home.Random.Next(4) == 0)
        {
            // Energy meters only ever count up.
            var energyId = entityId.Replace("_power", "_energy", StringComparison.Ordinal);
            var energy = Parse(_home.GetState(energyId)!.State) + 0.001 + (_home.Random.NextDouble() * 0.01);
            _home.SetState(energyId, HomeBuilder.Number(energy, 3), null);
            return 1;
        }

        _home.SetState(entityId, HomeBuilder.Number(next, 1), null);
        return 1;
    }

    private int ToggleBinary()
    {
        var entityId = Pick(_binarySensors);
        var state = _home.GetState(entityId)!;
        _home.SetState(entityId, state.State == "on" ? "off" : "on", null);
        return 1;
    }

    private int UseLight()
    {
        var entityId = Pick(_lights);
        var on = _home.GetState(entityId)!.State == "on";
        var service = on && _home.Random.Next(3) > 0 ? "turn_off" : "turn_on";
        var data = new Dictionary<string, object?>(StringComparer.Ordinal) { ["entity_id"] = entityId };
        if (service == "turn_on")
        {
            data["brightness"] = 40 + _home.Random.Next(216);
        }

        ServiceCalls.Call(_home, "light", service, data, null, _home.NewContext(userId: _home.UserId));
        return 2;
    }

    private int UseSwitch()
    {
        var entityId = Pick(_switches);
        var data = new Dictionary<string, object?>(StringComparer.Ordinal) { ["entity_id"] = entityId };
        ServiceCalls.Call(_home, "switch", "toggle", data, null, _home.NewContext(userId: _home.UserId));
        return 2;
    }

    private int DriftClimate()
    {
        var state = _home.GetState("climate.living_room")!;
        var attrs = new Dictionary<string, object?>(state.Attributes, StringComparer.Ordinal);
        var current = attrs.GetValueOrDefault("current_temperature") as double? ?? 20.0;
        attrs["current_temperature"] = HomeBuilder.Round(current + (_home.Random.Next(2) == 0 ? -0.1 : 0.1), 1);
        _home.SetState(state.EntityId, state.State, attrs);
        return 1;
    }

    private int ChangeWeather()
    {
        var state = _home.GetState("weather.home")!;
        var attrs = new Dictionary<string, object?>(state.Attributes, StringComparer.Ordinal)
        {
            ["temperature"] = HomeBuilder.Round(4 + (_home.Random.NextDouble() * 14), 1),
            ["humidity"] = 50 + _home.Random.Next(45),
            ["pressure"] = HomeBuilder.Round(995 + (_home.Random.NextDouble() * 35), 1),
            ["wind_speed"] = HomeBuilder.Round(_home.Random.NextDouble() * 40, 1),
        };
        var condition = _home.Random.Next(3) == 0 ? Pick(_conditions) : state.State;
        _home.SetState(state.EntityId, condition, attrs);
        return 1;
    }

    private string Pick(string[] items) => items[_home.Random.Next(items.Length)];

    private static double Parse(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 0;
}
