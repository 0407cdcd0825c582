using Microsoft.Extensions.Options;

namespace HaIngestor.Core.Batching;

/// <summary>Start-up validation of <see cref="BatcherOptions"/> (source-generated from its DataAnnotations).</summary>
[OptionsValidator]
internal sealed partial class BatcherOptionsValidator : IValidateOptions<BatcherOptions>;
