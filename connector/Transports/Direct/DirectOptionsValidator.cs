using Microsoft.Extensions.Options;

namespace HaIngestor.Connector.Transports.Direct;

/// <summary>Source-generated validation of <see cref="DirectOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class DirectOptionsValidator : IValidateOptions<DirectOptions>;
