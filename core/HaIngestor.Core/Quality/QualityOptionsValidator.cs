using Microsoft.Extensions.Options;

namespace HaIngestor.Core.Quality;

/// <summary>Source-generated validation of <see cref="QualityOptions"/>, run at start-up.</summary>
[OptionsValidator]
internal sealed partial class QualityOptionsValidator : IValidateOptions<QualityOptions>;
