using Microsoft.Extensions.Options;

namespace HaIngestor.Connector.HomeAssistant;

/// <summary>Validates <see cref="HomeAssistantOptions"/> at start-up (DataAnnotations and the cross-setting rules).</summary>
[OptionsValidator]
internal sealed partial class HomeAssistantOptionsValidator : IValidateOptions<HomeAssistantOptions>;
