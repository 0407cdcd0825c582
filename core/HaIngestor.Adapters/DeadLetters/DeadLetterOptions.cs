using System.ComponentModel.DataAnnotations;

namespace HaIngestor.Adapters.DeadLetters;

/// <summary>
/// Where dead letters go (configuration section <c>DeadLetters</c>): Azure Blob Storage by managed identity
/// (<see cref="ServiceUri"/>, optionally <see cref="ClientId"/>) or by connection string (Azurite, development), or
/// a local folder (the connector's direct mode). Exactly one of the three.
/// </summary>
public sealed class DeadLetterOptions : IValidatableObject
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "DeadLetters";

    /// <summary>Blob service endpoint, e.g. <c>https://account.blob.core.windows.net</c>, used with Entra ID.</summary>
    public Uri? ServiceUri { get; set; }

    /// <summary>Client id of a user-assigned managed identity; empty uses the default credential chain.</summary>
    public string? ClientId { get; set; }

    /// <summary>Storage connection string (a secret: never logged), e.g. Azurite's development account.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>A local folder for JSON-lines files instead of Blob Storage.</summary>
    public string? Folder { get; set; }

    /// <summary>Blob container, created when missing. Default <c>dead-letters</c>.</summary>
    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "DeadLetters:Container must be a valid blob container name (3-63 lowercase letters, digits and single hyphens).")]
    public string Container { get; set; } = "dead-letters";

    /// <summary>Name of this instance in blob and file names, so several writers never collide. Default the machine name.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$", ErrorMessage = "DeadLetters:InstanceName may hold only letters, digits, '_', '.' and '-' (at most 64).")]
    public string InstanceName { get; set; } = DefaultInstanceName();

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var configured = (ServiceUri is not null ? 1 : 0)
            + (string.IsNullOrWhiteSpace(ConnectionString) ? 0 : 1)
            + (string.IsNullOrWhiteSpace(Folder) ? 0 : 1);
        if (configured != 1)
        {
            yield return new ValidationResult(
                $"Set exactly one of {SectionName}:ServiceUri, {SectionName}:ConnectionString or {SectionName}:Folder.",
                [nameof(ServiceUri), nameof(ConnectionString), nameof(Folder)]);
        }

        if (ServiceUri is { } uri && (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            yield return new ValidationResult($"{SectionName}:ServiceUri must be an absolute https URL.", [nameof(ServiceUri)]);
        }
    }

    private static string DefaultInstanceName()
    {
        var name = new string(Environment.MachineName.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.').ToArray());
        return name.Length is > 0 and <= 64 ? name : "instance";
    }
}
