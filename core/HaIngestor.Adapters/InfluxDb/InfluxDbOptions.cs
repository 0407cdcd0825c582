using System.ComponentModel.DataAnnotations;
using HaIngestor.Core.Serialization;

namespace HaIngestor.Adapters.InfluxDb;

/// <summary>The InfluxDB sink (configuration section <c>InfluxDb</c>).</summary>
public sealed class InfluxDbOptions : IValidatableObject
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "InfluxDb";

    /// <summary>Base URL of the server, e.g. <c>https://eu-central-1-1.aws.cloud2.influxdata.com</c> or <c>http://homeassistant:8086</c>. Required.</summary>
    [Required(ErrorMessage = "InfluxDb:Url is required: the base URL of the InfluxDB server.")]
    public string? Url { get; set; }

    /// <summary>The write API. Default <see cref="InfluxDbApiVersion.V2"/>.</summary>
    public InfluxDbApiVersion ApiVersion { get; set; } = InfluxDbApiVersion.V2;

    /// <summary>API token (v2; a secret: never logged). Required for v2.</summary>
    public string? Token { get; set; }

    /// <summary>Organization (v2). Required for v2.</summary>
    public string? Org { get; set; }

    /// <summary>Bucket (v2). Required for v2.</summary>
    public string? Bucket { get; set; }

    /// <summary>Database (v1). Required for v1.</summary>
    public string? Database { get; set; }

    /// <summary>Retention policy (v1); empty means the database's default.</summary>
    public string? RetentionPolicy { get; set; }

    /// <summary>User name (v1), sent with basic authentication; empty for a server without authentication.</summary>
    public string? Username { get; set; }

    /// <summary>Password (v1; a secret: never logged).</summary>
    public string? Password { get; set; }

    /// <summary>
    /// Timestamp precision sent with each write; empty (the default, and the safe choice) means the pipeline's
    /// <c>Pipeline:Precision</c>, which is what the lines are written in. Set it only to match lines written elsewhere.
    /// </summary>
    public WritePrecision? Precision { get; set; }

    /// <summary>Most lines per request. Default 10,000 (InfluxDB's recommended batch size).</summary>
    [Range(1, 1_000_000)]
    public int MaxLinesPerRequest { get; set; } = 10_000;

    /// <summary>Most uncompressed bytes per request. Default 5 MB (well under Cloud's 50 MB limit).</summary>
    [Range(1024, 50 * 1024 * 1024)]
    public int MaxBytesPerRequest { get; set; } = 5 * 1024 * 1024;

    /// <summary>Compress request bodies with gzip. Default true (line protocol compresses about tenfold).</summary>
    public bool Gzip { get; set; } = true;

    /// <summary>Timeout of one request. Default 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of a request after a transient failure (connection error, timeout, 429, 5xx). Default 5.</summary>
    [Range(0, 50)]
    public int MaxRetryAttempts { get; set; } = 5;

    /// <summary>First retry delay; doubles per retry, with jitter. Default 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest backoff delay between retries. Default 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest <c>Retry-After</c> honoured; a server asking for more gets this. Default 2 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Url)
            && (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult($"{SectionName}:Url must be an absolute http or https URL.", [nameof(Url)]);
        }

        if (ApiVersion == InfluxDbApiVersion.V2)
        {
            if (string.IsNullOrWhiteSpace(Token))
            {
                yield return new ValidationResult($"{SectionName}:Token is required for the v2 API.", [nameof(Token)]);
            }

            if (string.IsNullOrWhiteSpace(Org))
            {
                yield return new ValidationResult($"{SectionName}:Org is required for the v2 API.", [nameof(Org)]);
            }

            if (string.IsNullOrWhiteSpace(Bucket))
            {
                yield return new ValidationResult($"{SectionName}:Bucket is required for the v2 API.", [nameof(Bucket)]);
            }
        }
        else if (string.IsNullOrWhiteSpace(Database))
        {
            yield return new ValidationResult($"{SectionName}:Database is required for the v1 API.", [nameof(Database)]);
        }

        if (!string.IsNullOrEmpty(Password) && string.IsNullOrEmpty(Username))
        {
            yield return new ValidationResult($"{SectionName}:Username is required when a password is set.", [nameof(Username)]);
        }
    }
}
