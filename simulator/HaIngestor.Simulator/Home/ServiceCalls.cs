using System.Collections;
using System.Globalization;

namespace HaIngestor.Simulator.Home;

/// <summary>The services the simulated home provides, with HA's order of effects: call_service, then the state changes.</summary>
internal static class ServiceCalls
{
    private static readonly Dictionary<string, string[]> Services = new(StringComparer.Ordinal)
    {
        ["light"] = ["turn_on", "turn_off", "toggle"],
        ["switch"] = ["turn_on", "turn_off", "toggle"],
        ["climate"] = ["set_temperature", "set_hvac_mode", "turn_on", "turn_off"],
        ["automation"] = ["trigger", "turn_on", "turn_off", "toggle"],
        ["homeassistant"] = ["turn_on", "turn_off", "toggle"],
        ["notify"] = ["notify", "persistent_notification"],
    };

    public static bool Exists(string domain, string service) =>
        Services.TryGetValue(domain, out var names) && names.Contains(service, StringComparer.Ordinal);

    /// <summary>Runs a service call; the caller holds the home's lock. Returns the context of the call.</summary>
    public static HaContext Call(
        SimulatedHome home,
        string domain,
        string service,
        IReadOnlyDictionary<string, object?>? serviceData,
        IReadOnlyDictionary<string, object?>? target,
        HaContext context)
    {
        if (!Exists(domain, service))
        {
            throw new ServiceNotFoundException(domain, service);
        }

        // HA merges the target into the service data it reports in the call_service event.
        var data = new Dictionary<string, object?>(serviceData ?? new Dictionary<string, object?>(), StringComparer.Ordinal);
        if (target is not null)
        {
            foreach (var (key, value) in target)
            {
                data[key] = value;
            }
        }

        home.Fire("call_service", new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["domain"] = domain,
            ["service"] = service,
            ["service_data"] = data,
        }, context);

        foreach (var entityId in ResolveTargets(home, data))
        {
            var entityDomain = entityId[..entityId.IndexOf('.', StringComparison.Ordinal)];
            if (domain != "homeassistant" && !string.Equals(entityDomain, domain, StringComparison.Ordinal))
            {
                continue;
            }

            Apply(home, entityDomain, service, entityId, data, context);
        }

        return context;
    }

    private static void Apply(SimulatedHome home, string domain, string service, string entityId, IReadOnlyDictionary<string, object?> data, HaContext context)
    {
        var current = home.GetState(entityId);
        if (current is null)
        {
            return;
        }

        var isOn = current.State == "on";
        var turnOn = service switch
        {
            "turn_on" => true,
            "turn_off" => false,
            "toggle" => !isOn,
            _ => isOn,
        };

        switch (domain)
        {
            case "light" when turnOn:
                var brightness = ToInt(data.GetValueOrDefault("brightness")) ?? ToInt(current.Attributes.GetValueOrDefault("brightness")) ?? 255;
                if (ToInt(data.GetValueOrDefault("brightness_pct")) is { } pct)
                {
                    brightness = (int)Math.Round(pct * 255 / 100.0);
                }

                var kelvin = ToInt(data.GetValueOrDefault("color_temp_kelvin")) ?? 2700;
                home.SetState(entityId, "on", LightAttributes.On(current.Attributes, brightness, kelvin), context);
                break;
            case "light":
                home.SetState(entityId, "off", LightAttributes.OffFrom(current.Attributes), context);
                break;
            case "switch" or "automation" when service != "trigger":
                home.SetState(entityId, turnOn ? "on" : "off", current.Attributes, context);
                break;
            case "automation":
                AutomationRun.Trigger(home, entityId, "action", context);
                break;
            case "climate":
                ApplyClimate(home, service, current, data, context);
                break;
            default:
                break;
        }
    }

    private static void ApplyClimate(SimulatedHome home, string service, HaState current, IReadOnlyDictionary<string, object?> data, HaContext context)
    {
        var attrs = new Dictionary<string, object?>(current.Attributes, StringComparer.Ordinal);
        var state = current.State;
        switch (service)
        {
            case "set_temperature":
                if (ToDouble(data.GetValueOrDefault("temperature")) is { } target)
                {
                    attrs["temperature"] = Math.Clamp(target, 7.0, 35.0);
                }

                if (data.GetValueOrDefault("hvac_mode") is string mode)
                {
                    state = mode;
                }

                break;
            case "set_hvac_mode":
                state = data.GetValueOrDefault("hvac_mode") as string ?? state;
                break;
            case "turn_on":
                state = "heat";
                break;
            case "turn_off":
                state = "off";
                break;
            default:
                break;
        }

        attrs["hvac_action"] = state == "off" ? "off" : "heating";
        home.SetState(current.EntityId, state, attrs, context);
    }

    private static List<string> ResolveTargets(SimulatedHome home, IReadOnlyDictionary<string, object?> data)
    {
        var ids = new List<string>();
        ids.AddRange(Strings(data.GetValueOrDefault("entity_id")));
        var areas = Strings(data.GetValueOrDefault("area_id")).ToHashSet(StringComparer.Ordinal);
        var devices = Strings(data.GetValueOrDefault("device_id")).ToHashSet(StringComparer.Ordinal);
        if (areas.Count > 0 || devices.Count > 0)
        {
            var deviceAreas = home.Devices.ToDictionary(d => d.Id, d => d.AreaId, StringComparer.Ordinal);
            foreach (var entity in home.Entities)
            {
                var area = entity.AreaId ?? (entity.DeviceId is { } d ? deviceAreas.GetValueOrDefault(d) : null);
                if ((area is not null && areas.Contains(area)) || (entity.DeviceId is not null && devices.Contains(entity.DeviceId)))
                {
                    ids.Add(entity.EntityId);
                }
            }
        }

        return [.. ids.Distinct(StringComparer.Ordinal)];
    }

    private static IEnumerable<string> Strings(object? value) => value switch
    {
        string s => s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        IEnumerable list => list.OfType<string>(),
        _ => [],
    };

    private static int? ToInt(object? value) => value switch
    {
        int i => i,
        long l => (int)l,
        double d => (int)Math.Round(d),
        string s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
        _ => null,
    };

    private static double? ToDouble(object? value) => value switch
    {
        int i => i,
        long l => l,
        double d => d,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };
}
