using Microsoft.Extensions.Options;

namespace HaIngestor.Connector.Backfill;

/// <summary>Validates <see cref="BackfillOptions"/> at start, naming the setting.</summary>
[OptionsValidator]
internal sealed partial class BackfillOptionsValidator : IValidateOptions<BackfillOptions>;
