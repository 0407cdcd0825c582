using System.Text.Json;
using HaIngestor.Simulator.Home;

namespace HaIngestor.Simulator.Protocol;

/// <summary>The registry list results and get_config, in the shapes HA's registries serialize.</summary>
internal static class Registries
{
    // Registries record creation times; a fixed instant keeps results reproducible.
    private static readonly double CreatedAt = HaJson.UnixSeconds(new DateTimeOffset(2025, 3, 14, 9, 26, 53, 589, TimeSpan.Zero));

    public static void WriteEntities(Utf8JsonWriter w, SimulatedHome home)
    {
        w.WriteStartArray();
        foreach (var e in home.Entities)
        {
            w.WriteStartObject();
            HaJson.WriteNullableString(w, "area_id", e.AreaId);
            w.WriteStartObject("categories");
            w.WriteEndObject();
            HaJson.WriteNullableString(w, "config_entry_id", e.ConfigEntryId);
            w.WriteNull("config_subentry_id");
            w.WriteNumber("created_at", CreatedAt);
            HaJson.WriteNullableString(w, "device_id", e.DeviceId);
            w.WriteNull("disabled_by");
            w.WriteNull("entity_category");
            w.WriteString("entity_id", e.EntityId);
            w.WriteBoolean("has_entity_name", e.DeviceId is not null);
            w.WriteNull("hidden_by");
            w.WriteNull("icon");
            w.WriteString("id", e.Id);
            w.WriteStartArray("labels");
            w.WriteEndArray();
            w.WriteNumber("modified_at", CreatedAt);
            w.WriteNull("name");
            w.WriteStartObject("options");
            w.WriteEndObject();
            HaJson.WriteNullableString(w, "original_name", e.OriginalName);
            w.WriteString("platform", e.Platform);
            w.WriteNull("translation_key");
            w.WriteString("unique_id", e.UniqueId);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>
    /// The device list. Since 2026.8 it holds child devices too, with <c>config_entry_id</c>, <c>config_subentry_id</c>
    /// and <c>parent_device_id</c>, and a child's <c>area_id</c> is only an area set on it (null = its parent's).
    /// Before, a device carried no parent and <c>area_id</c> was the area it is in.
    /// </summary>
    public static void WriteDevices(Utf8JsonWriter w, SimulatedHome home, SimulatorOptions options)
    {
        var withParents = HaRelease.IsAtLeast(options.HaVersion, 2026, 8);
        w.WriteStartArray();
        foreach (var d in home.Devices)
        {
            w.WriteStartObject();
            HaJson.WriteNullableString(w, "area_id", withParents ? d.AreaId : home.EffectiveAreaOf(d));
            if (withParents)
            {
                w.WriteString("config_entry_id", d.ConfigEntryId);
                w.WriteNull("config_subentry_id");
            }

            w.WriteNull("configuration_url");
            w.WriteStartArray("config_entries");
            w.WriteStringValue(d.ConfigEntryId);
            w.WriteEndArray();
            w.WriteStartObject("config_entries_subentries");
            w.WriteStartArray(d.ConfigEntryId);
            w.WriteNullValue();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartArray("connections");
            w.WriteEndArray();
            w.WriteNumber("created_at", CreatedAt);
            w.WriteNull("disabled_by");
            w.WriteNull("entry_type");
            w.WriteNull("hw_version");
            w.WriteString("id", d.Id);
            w.WriteStartArray("identifiers");
            w.WriteStartArray();
            w.WriteStringValue(d.Platform);
            w.WriteStringValue(d.Id[..16]);
            w.WriteEndArray();
            w.WriteEndArray();
            w.WriteStartArray("labels");
            w.WriteEndArray();
            w.WriteString("manufacturer", d.Manufacturer);
            w.WriteString("model", d.Model);
            w.WriteNull("model_id");
            w.WriteNumber("modified_at", CreatedAt);
            HaJson.WriteNullableString(w, "name_by_user", d.NameByUser);
            w.WriteString("name", d.Name);
            if (withParents)
            {
                HaJson.WriteNullableString(w, "parent_device_id", d.ParentDeviceId);
            }

            w.WriteString("primary_config_entry", d.ConfigEntryId);
            w.WriteNull("serial_number");
            w.WriteNull("sw_version");
            w.WriteNull("via_device_id");
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    public static void WriteAreas(Utf8JsonWriter w, SimulatedHome home)
    {
        w.WriteStartArray();
        foreach (var a in home.Areas)
        {
            w.WriteStartObject();
            w.WriteStartArray("aliases");
            w.WriteEndArray();
            w.WriteString("area_id", a.AreaId);
            w.WriteNull("floor_id");
            w.WriteNull("humidity_entity_id");
            HaJson.WriteNullableString(w, "icon", a.Icon);
            w.WriteStartArray("labels");
            w.WriteEndArray();
            w.WriteString("name", a.Name);
            w.WriteNull("picture");
            w.WriteNull("temperature_entity_id");
            w.WriteNumber("created_at", CreatedAt);
            w.WriteNumber("modified_at", CreatedAt);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    public static void WriteConfig(Utf8JsonWriter w, SimulatorOptions options, SimulatedHome home)
    {
        var components = home.Entities.Select(e => e.Domain).Concat(["api", "websocket_api", "http", "frontend"])
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        w.WriteStartObject();
        w.WriteNumber("latitude", 52.3731);
        w.WriteNumber("longitude", 4.8922);
        w.WriteNumber("elevation", 2);
        w.WriteNumber("radius", 100);
        w.WriteStartObject("unit_system");
        w.WriteString("length", "km");
        w.WriteString("accumulated_precipitation", "mm");
        w.WriteString("area", "m²");
        w.WriteString("mass", "g");
        w.WriteString("pressure", "Pa");
        w.WriteString("temperature", "°C");
        w.WriteString("volume", "L");
        w.WriteString("wind_speed", "m/s");
        w.WriteEndObject();
        w.WriteString("location_name", options.LocationName);
        w.WriteString("time_zone", "Europe/Amsterdam");
        w.WriteStartArray("components");
        foreach (var c in components)
        {
            w.WriteStringValue(c);
        }

        w.WriteEndArray();
        w.WriteString("config_dir", "/config");
        w.WriteStartArray("allowlist_external_dirs");
        w.WriteStringValue("/media");
        w.WriteEndArray();
        w.WriteStartArray("allowlist_external_urls");
        w.WriteEndArray();
        w.WriteString("version", options.HaVersion);
        w.WriteString("config_source", "storage");
        w.WriteBoolean("recovery_mode", false);
        w.WriteString("state", "RUNNING");
        w.WriteNull("external_url");
        w.WriteNull("internal_url");
        w.WriteString("currency", "EUR");
        w.WriteString("country", "NL");
        w.WriteString("language", "en");
        w.WriteBoolean("safe_mode", false);
        w.WriteBoolean("debug", false);
        w.WriteEndObject();
    }
}
