using System.Text.Json.Nodes;

namespace HaIngestor.IntegrationTests.Corpus;

/// <summary>
/// An expected string field that holds JSON: compared by meaning (the pipeline may copy the source text with its
/// escapes, e.g. <c>\u00fc</c> for <c>ü</c>, or write it compactly).
/// </summary>
internal sealed record JsonText(string Json)
{
    public static JsonText Of(JsonNode? node) => new(node?.ToJsonString() ?? "null");

    public bool Matches(string actual)
    {
        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(Json), JsonNode.Parse(actual));
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    public override string ToString() => Json;
}
