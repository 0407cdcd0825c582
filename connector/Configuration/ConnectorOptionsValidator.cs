using Microsoft.Extensions.Options;

namespace HaIngestor.Connector.Configuration;

/// <summary>Source-generated validation of <see cref="ConnectorOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class ConnectorOptionsValidator : IValidateOptions<ConnectorOptions>;
