using System.ComponentModel.DataAnnotations;

namespace HaIngestor.Connector.HomeAssistant;

/// <summary>
/// Settings of the Home Assistant clients (section <c>HomeAssistant</c>). One instance from <see cref="Url"/> and
/// <see cref="Token"/>, or several from <see cref="Instances"/>.
/// </summary>
public sealed class HomeAssistantOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "HomeAssistant";

    /// <summary>The event types subscribed when <see cref="EventTypes"/> is not set.</summary>
    public static IReadOnlyList<string> DefaultEventTypes { get; } = ["state_changed", "call_service", "automation_triggered"];

    /// <summary>Base URL of the single instance (http, https, ws or wss), e.g. <c>http://homeassistant.local:8123</c>.</summary>
    public string? Url { get; set; }

    /// <summary>Long-lived access token of the single instance (or the default for instances without one).</summary>
    public string? Token { get; set; }

    /// <summary>Name of the single instance (tag <c>home</c>); optional.</summary>
    public string? Home { get; set; }

    /// <summary>Several instances in one connector; when empty, <see cref="Url"/>/<see cref="Token"/> is the only one.</summary>
    public IList<HomeAssistantInstanceOptions> Instances { get; set; } = [];

    /// <summary>
    /// Event types to subscribe to; <c>*</c> subscribes to all. Null or empty means <see cref="DefaultEventTypes"/>
    /// (a null default, because the configuration binder appends to a pre-filled list instead of replacing it).
    /// </summary>
    public IList<string>? EventTypes { get; set; }

    /// <summary>Entities to keep (Home Assistant's include filter semantics).</summary>
    public EntityFilterOptions Include { get; set; } = new();

    /// <summary>Entities to drop (Home Assistant's exclude filter semantics); dropped events are counted.</summary>
    public EntityFilterOptions Exclude { get; set; } = new();

    /// <summary>Optional PEM file of the CA that signed a self-signed Home Assistant certificate; TLS verification stays on.</summary>
    public string? CaFile { get; set; }

    /// <summary>
    /// Folder where the time of the last event seen per home is kept, so catch-up also covers a restart of the
    /// connector. Default none: catch-up then covers reconnects within one run only.
    /// </summary>
    public string? StatePath { get; set; }

    /// <summary>
    /// Skip Home Assistant's re-announcement of unchanged entities: at every start HA sends each entity again as a
    /// <c>state_changed</c> with <c>old_state</c> null, new timestamps and the same state and attributes. Such an
    /// event (and a catch-up snapshot) whose state and attributes equal the last ones passed on for the entity is
    /// counted and not written; the first state after a real change always is. Default true.
    /// </summary>
    public bool SkipRestartDuplicates { get; set; } = true;

    /// <summary>
    /// Most entities per home whose last state is remembered for <see cref="SkipRestartDuplicates"/> (8 bytes of
    /// hash plus the entity id each); entities beyond it are always written. Default 100 000.
    /// </summary>
    [Range(1, 10_000_000)]
    public int RestartDuplicateEntities { get; set; } = 100_000;

    /// <summary>
    /// Offer permessage-deflate on the WebSocket. Home Assistant accepts it (aiohttp <c>compress=True</c>), and
    /// <c>get_states</c> and registry answers of a big home then travel at a fraction of their size. Default true.
    /// </summary>
    public bool Compression { get; set; } = true;

    /// <summary>Interval of application-level pings. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A ping without pong for this long marks the connection dead. Default 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PongTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed for the token check and the auth handshake; Home Assistant itself allows 10 s. Default 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan AuthTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Smallest reconnect delay. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest reconnect delay (exponential backoff with full jitter up to this). Default 60 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Wait after a rejected token before trying again: repeated bad logins get an IP banned. Default 5 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan AuthFailureRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The event types actually subscribed.</summary>
    public IReadOnlyList<string> EffectiveEventTypes =>
        EventTypes is { Count: > 0 } types ? [.. types.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct(StringComparer.Ordinal)] : DefaultEventTypes;

    /// <summary>The instances to connect to: <see cref="Instances"/>, or the single <see cref="Url"/>/<see cref="Token"/>/<see cref="Home"/>.</summary>
    public IReadOnlyList<HomeAssistantInstanceOptions> GetInstances() =>
        Instances.Count > 0
            ? [.. Instances.Select(i => new HomeAssistantInstanceOptions
            {
                Name = string.IsNullOrWhiteSpace(i.Name) ? null : i.Name.Trim(),
                Url = i.Url,
                Token = string.IsNullOrEmpty(i.Token) ? Token : i.Token,
            })]
            : [new HomeAssistantInstanceOptions { Name = string.IsNullOrWhiteSpace(Home) ? null : Home.Trim(), Url = Url, Token = Token }];

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Instances.Count == 0)
        {
            if (!HomeAssistantInstanceOptions.IsValidUrl(Url))
            {
                yield return new ValidationResult(
                    "HomeAssistant:Url (HOME_ASSISTANT_URL) must be an absolute http, https, ws or wss URL.", [nameof(Url)]);
            }

            if (string.IsNullOrWhiteSpace(Token))
            {
                yield return new ValidationResult(
                    "HomeAssistant:Token (HOME_ASSISTANT_TOKEN) is required: a Home Assistant long-lived access token.", [nameof(Token)]);
            }
        }
        else
        {
            for (var i = 0; i < Instances.Count; i++)
            {
                var instance = Instances[i];
                if (!HomeAssistantInstanceOptions.IsValidUrl(instance.Url))
                {
                    yield return new ValidationResult(
                        $"HomeAssistant:Instances:{i}:Url must be an absolute http, https, ws or wss URL.", [nameof(Instances)]);
                }

                if (string.IsNullOrWhiteSpace(instance.Token) && string.IsNullOrWhiteSpace(Token))
                {
                    yield return new ValidationResult(
                        $"HomeAssistant:Instances:{i}:Token is required (or a shared HomeAssistant:Token).", [nameof(Instances)]);
                }

                if (Instances.Count > 1 && string.IsNullOrWhiteSpace(instance.Name))
                {
                    yield return new ValidationResult(
                        $"HomeAssistant:Instances:{i}:Name is required when there are several instances: it is the 'home' tag.", [nameof(Instances)]);
                }
            }

            var duplicates = Instances
                .Where(i => !string.IsNullOrWhiteSpace(i.Name))
                .GroupBy(i => i.Name!.Trim(), StringComparer.OrdinalIgnoreCase)
                .Where(g => g.Count() > 1)
                .Select(g => g.Key)
                .ToList();
            if (duplicates.Count > 0)
            {
                yield return new ValidationResult(
                    $"HomeAssistant:Instances names must be unique; repeated: {string.Join(", ", duplicates)}.", [nameof(Instances)]);
            }
        }

        if (EventTypes is { Count: > 0 } && EffectiveEventTypes.Count == 0)
        {
            yield return new ValidationResult("HomeAssistant:EventTypes must name at least one event type (or '*').", [nameof(EventTypes)]);
        }

        if (ReconnectMinDelay > ReconnectMaxDelay)
        {
            yield return new ValidationResult(
                "HomeAssistant:ReconnectMinDelay must not exceed HomeAssistant:ReconnectMaxDelay.", [nameof(ReconnectMinDelay)]);
        }

        if (!string.IsNullOrWhiteSpace(CaFile) && !File.Exists(CaFile))
        {
            yield return new ValidationResult($"HomeAssistant:CaFile '{CaFile}' does not exist.", [nameof(CaFile)]);
        }
    }
}
