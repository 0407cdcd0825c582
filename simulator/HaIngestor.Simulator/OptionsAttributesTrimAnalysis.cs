using System.Diagnostics.CodeAnalysis;

// The validation attributes below are declarations only, read by the options validation source generator
// ([OptionsValidator]), which emits its own trim-safe copies of Range, MinLength and MaxLength into the validators
// and never constructs these instances. Nothing reads them by reflection (no ValidateDataAnnotations), so the trim
// analysis warning on their constructors (Range(Type, string, string) parses through TypeConverter; Min/MaxLength
// reflect over Count) does not apply. Scoped to each property: a new attribute elsewhere is still reported, and a
// warning-free native AOT publish (docs/PERFORMANCE.md, "On a Raspberry Pi") depends on that.

[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Simulator.SimulatorOptions.AuthTimeout", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Simulator.SimulatorOptions.HaVersion", Justification = "MinLengthAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Simulator.SimulatorOptions.HeartbeatInterval", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Simulator.SimulatorOptions.HeartbeatTimeout", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Simulator.SimulatorOptions.HistoryInterval", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Simulator.SimulatorOptions.PendingPeakTime", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Simulator.SimulatorOptions.RestartDowntime", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Simulator.SimulatorOptions.SilenceAfter", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Simulator.SimulatorOptions.StartupDuration", Justification = "RangeAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Simulator.SimulatorOptions.SupervisorToken", Justification = "MinLengthAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Simulator.SimulatorOptions.Token", Justification = "MinLengthAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Simulator.SimulatorUser.Name", Justification = "MinLengthAttribute is read by the options validation source generator only.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member", Target = "~P:HaIngestor.Simulator.SimulatorUser.Token", Justification = "MinLengthAttribute is read by the options validation source generator only.")]
