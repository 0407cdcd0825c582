using System.Diagnostics.CodeAnalysis;

// The validation attributes below are declarations only, read by the options validation source generator
// ([OptionsValidator]), which emits its own trim-safe copies of Range, MinLength and MaxLength into the validators
// and never constructs these instances. Nothing reads them by reflection (no ValidateDataAnnotations), so the trim
// analysis warning on their constructors (Range(Type, string, string) parses through TypeConverter; Min/MaxLength
// reflect over Count) does not apply. Scoped to each property: a new attribute elsewhere is still reported, and a
// warning-free native AOT publish (docs/PERFORMANCE.md, "On a Raspberry Pi") depends on that.

[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Core.Batching.BatcherOptions.MaxBatchDelay", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Core.Pipeline.PipelineOptions.Measurement", Justification = "MaxLengthAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Core.Quality.QualityOptions.BurstGap", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Core.Quality.QualityOptions.EvaluationInterval", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Core.Quality.QualityOptions.Measurement", Justification = "MaxLengthAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Core.Quality.QualityOptions.SilentMaximum", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Core.Quality.QualityOptions.SilentMinimum", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Core.Quality.QualityOptions.StateTimeToLive", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Core.Quality.QualityOptions.StuckUnavailableAfter", Justification = "RangeAttribute is read by the options validation source generator only.")]
