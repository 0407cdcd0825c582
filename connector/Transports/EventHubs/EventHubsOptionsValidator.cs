using Microsoft.Extensions.Options;

namespace HaIngestor.Connector.Transports.EventHubs;

/// <summary>Source-generated validation of <see cref="EventHubsOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class EventHubsOptionsValidator : IValidateOptions<EventHubsOptions>;
