using Microsoft.Extensions.Options;

namespace HaIngestor.Adapters.Weather;

/// <summary>Source-generated validation of <see cref="RedisOptions"/>, run at start.</summary>
[OptionsValidator]
internal sealed partial class RedisOptionsValidator : IValidateOptions<RedisOptions>;
