using System.ComponentModel.DataAnnotations;
using HaIngestor.Core.Serialization;

namespace HaIngestor.Core.Pipeline;

/// <summary>Options of the pure pipeline (configuration section <c>Pipeline</c>).</summary>
public sealed class PipelineOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Pipeline";

    /// <summary>Point schema: <c>default</c> or <c>homeassistant</c>. Default <see cref="PointSchema.Default"/>.</summary>
    [EnumDataType(typeof(PointSchema))]
    public PointSchema Schema { get; set; } = PointSchema.Default;

    /// <summary>Timestamp precision. Default milliseconds.</summary>
    [EnumDataType(typeof(WritePrecision))]
    public WritePrecision Precision { get; set; } = WritePrecision.Milliseconds;

    /// <summary>Whether <c>unknown</c>, <c>unavailable</c> and empty states are written (without <c>value</c>) or skipped. Default keep.</summary>
    public bool SkipUnavailableStates { get; set; }

    /// <summary>Largest event message accepted, in bytes. Default 256 KiB.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxEventBytes { get; set; } = 256 * 1024;

    /// <summary>Measurement of the default schema. Default <c>home_assistant_events</c>.</summary>
    [Required]
    [MaxLength(200)]
    public string Measurement { get; set; } = "home_assistant_events";

    /// <summary>Attributes written as typed float fields in the default schema (all attributes stay in <c>attributes</c>).</summary>
    public IList<string> NumericAttributeAllowlist { get; } = new List<string>
    {
        "temperature", "current_temperature", "target_temperature", "humidity", "current_humidity", "brightness",
        "battery_level", "battery", "power", "energy", "voltage", "current", "pressure", "illuminance",
        "color_temp", "color_temp_kelvin", "current_position", "percentage", "volume_level",
    };

    /// <summary>Convert °F to °C (and similar) keeping the original unit in tag <c>original_unit</c>. Default off.</summary>
    public bool ConvertUnits { get; set; }

    /// <summary>Optional <c>location</c> tag for every point (e.g. the weather location). Default none.</summary>
    public string? Location { get; set; }
}
