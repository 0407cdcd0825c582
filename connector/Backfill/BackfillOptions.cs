using System.ComponentModel.DataAnnotations;

namespace HaIngestor.Connector.Backfill;

/// <summary>
/// How <c>connector backfill</c> reads Home Assistant's recorder (section <c>Backfill</c>): requests bounded in entities
/// and time, few in flight and spaced out, so a small Home Assistant host stays responsive.
/// </summary>
public sealed class BackfillOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Backfill";

    /// <summary>Most entities in one request. Default 20.</summary>
    [Range(1, 1000)]
    public int EntitiesPerRequest { get; set; } = 20;

    /// <summary>Longest time span of one request. Default 1 day.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "31.00:00:00")]
    public TimeSpan RequestSpan { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Requests Home Assistant works on at the same time. Default 2.</summary>
    [Range(1, 16)]
    public int MaxRequestsInFlight { get; set; } = 2;

    /// <summary>Pause after each answer before the next request goes out. Default 100 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan PauseBetweenRequests { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Time allowed for one answer (a recorder on an SD card can be slow). Default 2 min.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Events handed to the transport at once. Default 1000.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 1000;

    /// <summary>
    /// Folder of the checkpoint files (one per home). Default <c>HomeAssistant:StatePath/backfill</c> when that is
    /// set, else <c>Direct:DataPath/backfill</c> (<c>data/backfill</c>).
    /// </summary>
    public string? CheckpointPath { get; set; }
}
