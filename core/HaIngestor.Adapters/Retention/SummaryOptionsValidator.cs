using Microsoft.Extensions.Options;

namespace HaIngestor.Adapters.Retention;

/// <summary>Source-generated validation of <see cref="SummaryOptions"/>, run at start.</summary>
[OptionsValidator]
internal sealed partial class SummaryOptionsValidator : IValidateOptions<SummaryOptions>;
