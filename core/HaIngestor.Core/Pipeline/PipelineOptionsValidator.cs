using Microsoft.Extensions.Options;

namespace HaIngestor.Core.Pipeline;

/// <summary>Source-generated validation of <see cref="PipelineOptions"/>, run at start-up.</summary>
[OptionsValidator]
internal sealed partial class PipelineOptionsValidator : IValidateOptions<PipelineOptions>;
