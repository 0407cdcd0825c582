using Microsoft.Extensions.Options;

namespace HaIngestor.Adapters.Health;

/// <summary>Source-generated validation of <see cref="HealthOptions"/>, run at start.</summary>
[OptionsValidator]
internal sealed partial class HealthOptionsValidator : IValidateOptions<HealthOptions>;
