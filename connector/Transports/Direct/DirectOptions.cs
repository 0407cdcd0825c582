using System.ComponentModel.DataAnnotations;

namespace HaIngestor.Connector.Transports.Direct;

/// <summary>Options of the direct transport, the core pipeline in-process (section <c>Direct</c>).</summary>
public sealed class DirectOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Direct";

    /// <summary>Where lines go: <c>Files</c> or <c>InfluxDb</c>. Default Files.</summary>
    public DirectSinkKind Sink { get; set; } = DirectSinkKind.Files;

    /// <summary>Data folder: line files under <c>lines/</c>, dead letters under <c>dead-letters/</c>. Default <c>data</c>.</summary>
    [Required]
    public string DataPath { get; set; } = "data";

    /// <summary>
    /// Database named in the files' <c># CONTEXT-DATABASE:</c> header, which InfluxDB 1.x's <c>influx -import</c>
    /// reads (other readers treat it as a comment). Default <c>home_assistant</c>.
    /// </summary>
    [Required]
    public string ImportDatabase { get; set; } = "home_assistant";

    /// <summary>The folder of the line files.</summary>
    public string LinesPath => Path.Combine(DataPath, "lines");

    /// <summary>The folder of the dead letters.</summary>
    public string DeadLettersPath => Path.Combine(DataPath, "dead-letters");
}
