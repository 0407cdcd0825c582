using Microsoft.Extensions.Options;

namespace HaIngestor.Connector.Service;

/// <summary>Source-generated validation of <see cref="HealthOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class HealthOptionsValidator : IValidateOptions<HealthOptions>;
