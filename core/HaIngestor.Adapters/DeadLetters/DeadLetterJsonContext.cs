using System.Text.Json.Serialization;
using HaIngestor.Core.DeadLetters;

namespace HaIngestor.Adapters.DeadLetters;

/// <summary>Source-generated JSON of dead letters: snake_case members, one compact object per line.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(DeadLetter))]
internal sealed partial class DeadLetterJsonContext : JsonSerializerContext;
