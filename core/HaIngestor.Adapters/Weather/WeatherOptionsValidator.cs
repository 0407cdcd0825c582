using Microsoft.Extensions.Options;

namespace HaIngestor.Adapters.Weather;

/// <summary>Source-generated validation of <see cref="WeatherOptions"/>, run at start.</summary>
[OptionsValidator]
internal sealed partial class WeatherOptionsValidator : IValidateOptions<WeatherOptions>;
