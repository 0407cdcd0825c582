using Microsoft.Extensions.Options;

namespace HaIngestor.Adapters.InfluxDb;

/// <summary>Source-generated validation of <see cref="InfluxDbOptions"/>, run at start.</summary>
[OptionsValidator]
internal sealed partial class InfluxDbOptionsValidator : IValidateOptions<InfluxDbOptions>;
