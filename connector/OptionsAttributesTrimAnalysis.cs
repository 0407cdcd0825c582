using System.Diagnostics.CodeAnalysis;

// The validation attributes below are declarations only, read by the options validation source generator
// ([OptionsValidator]), which emits its own trim-safe copies of Range, MinLength and MaxLength into the validators
// and never constructs these instances. Nothing reads them by reflection (no ValidateDataAnnotations), so the trim
// analysis warning on their constructors (Range(Type, string, string) parses through TypeConverter; Min/MaxLength
// reflect over Count) does not apply. Scoped to each property: a new attribute elsewhere is still reported, and a
// warning-free native AOT publish (docs/PERFORMANCE.md, "On a Raspberry Pi") depends on that.

[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Connector.Backfill.BackfillOptions.PauseBetweenRequests", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Connector.Backfill.BackfillOptions.RequestSpan", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Connector.Backfill.BackfillOptions.RequestTimeout", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Connector.Configuration.ConnectorOptions.DrainTimeout", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Connector.Configuration.ConnectorOptions.HeartbeatInterval", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Connector.Configuration.ConnectorOptions.RetryMaxDelay", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Connector.HomeAssistant.HomeAssistantOptions.AuthFailureRetryDelay", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Connector.HomeAssistant.HomeAssistantOptions.AuthTimeout", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Connector.HomeAssistant.HomeAssistantOptions.PingInterval", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Connector.HomeAssistant.HomeAssistantOptions.PongTimeout", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Connector.HomeAssistant.HomeAssistantOptions.ReconnectMaxDelay", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Connector.HomeAssistant.HomeAssistantOptions.ReconnectMinDelay", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Connector.Journal.JournalOptions.FsyncInterval", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Connector.Service.HealthOptions.DisconnectedGrace", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Connector.Transports.EventHubs.EventHubsOptions.RetryBaseDelay", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Connector.Transports.EventHubs.EventHubsOptions.TryTimeout", Justification = "RangeAttribute is read by the options validation source generator only.")]
