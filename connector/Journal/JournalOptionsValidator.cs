using Microsoft.Extensions.Options;

namespace HaIngestor.Connector.Journal;

/// <summary>Source-generated validation of <see cref="JournalOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class JournalOptionsValidator : IValidateOptions<JournalOptions>;
