using Microsoft.Extensions.Options;

namespace HaIngestor.Adapters.DeadLetters;

/// <summary>Source-generated validation of <see cref="DeadLetterOptions"/>, run at start.</summary>
[OptionsValidator]
internal sealed partial class DeadLetterOptionsValidator : IValidateOptions<DeadLetterOptions>;
