using System.Diagnostics.CodeAnalysis;

// The validation attributes below are declarations only, read by the options validation source generator
// ([OptionsValidator]), which emits its own trim-safe copies of Range, MinLength and MaxLength into the validators
// and never constructs these instances. Nothing reads them by reflection (no ValidateDataAnnotations), so the trim
// analysis warning on their constructors (Range(Type, string, string) parses through TypeConverter; Min/MaxLength
// reflect over Count) does not apply. Scoped to each property: a new attribute elsewhere is still reported, and a
// warning-free native AOT publish (docs/PERFORMANCE.md, "On a Raspberry Pi") depends on that.

[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Adapters.Health.HealthOptions.HeartbeatMaxAge", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Adapters.Health.HealthOptions.ProbeTimeout", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Adapters.InfluxDb.InfluxDbOptions.MaxRetryAfter", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Adapters.InfluxDb.InfluxDbOptions.RetryBaseDelay", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Adapters.InfluxDb.InfluxDbOptions.RetryMaxDelay", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Adapters.InfluxDb.InfluxDbOptions.Timeout", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Adapters.Retention.RetentionOptions.RawDuration", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Adapters.Retention.RetentionOptions.SummaryDuration", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Adapters.Weather.RedisOptions.InstanceName", Justification = "MinLengthAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Adapters.Weather.RedisOptions.Timeout", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Adapters.Weather.WeatherOptions.CacheTtl", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Adapters.Weather.WeatherOptions.MaxStaleAge", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Adapters.Weather.WeatherOptions.MinRequestInterval", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Adapters.Weather.WeatherOptions.RequestTimeout", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Adapters.Weather.WeatherOptions.RetryDelay", Justification = "RangeAttribute is read by the options validation source generator only.")]
