using System.ComponentModel.DataAnnotations;

namespace HaIngestor.Adapters.Weather;

/// <summary>The shared Redis cache (configuration section <c>Redis</c>); optional: without it caching stays in memory.</summary>
public sealed class RedisOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Redis";

    /// <summary>StackExchange.Redis connection string (a secret: never logged). Empty disables the distributed tier.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Prefix of every key, so several deployments can share one Redis. Default <c>haingestor:</c>.</summary>
    [Required]
    [MinLength(1)]
    public string InstanceName { get; set; } = "haingestor:";

    /// <summary>How long to wait for a connection or a reply before carrying on without Redis. Default 2 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>True when a connection string is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString);
}
