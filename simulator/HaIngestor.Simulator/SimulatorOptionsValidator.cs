using Microsoft.Extensions.Options;

namespace HaIngestor.Simulator;

/// <summary>Source-generated validation of <see cref="SimulatorOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>;
