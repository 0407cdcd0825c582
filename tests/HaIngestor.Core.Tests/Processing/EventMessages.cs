using System.Globalization;
using System.Text;
using System.Text.Json;

namespace HaIngestor.Core.Tests.Processing;

/// <summary>Builders for Home Assistant event messages as the connector forwards them.</summary>
internal static class EventMessages
{
    public static readonly DateTimeOffset BaseTime = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A state_changed event for <paramref name="entityId"/>, fired <paramref name="secondsAfterBase"/> after <see cref="BaseTime"/>.</summary>
    public static ReadOnlyMemory<byte> StateChanged(string entityId, string state, int secondsAfterBase, string attributesJson = "{}")
    {
        var time = BaseTime.AddSeconds(secondsAfterBase).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);
        var id = JsonSerializer.Serialize(entityId);
        var stateJson = JsonSerializer.Serialize(state);
        var context = $"01HX{secondsAfterBase:D22}";
        var newState = $$$"""{"entity_id":{{{id}}},"state":{{{stateJson}}},"attributes":{{{attributesJson}}},"last_changed":"{{{time}}}","last_reported":"{{{time}}}","last_updated":"{{{time}}}","context":{"id":"{{{context}}}","parent_id":null,"user_id":null}}""";
        var message = $$$$"""{"id":3,"type":"event","event":{"event_type":"state_changed","data":{"entity_id":{{{{id}}}},"old_state":null,"new_state":{{{{newState}}}}},"origin":"LOCAL","time_fired":"{{{{time}}}}","context":{"id":"{{{{context}}}}","parent_id":null,"user_id":null}}}""";
        return Encoding.UTF8.GetBytes(message);
    }

    /// <summary>A message the pipeline rejects (not JSON).</summary>
    public static ReadOnlyMemory<byte> Malformed() => Encoding.UTF8.GetBytes("{\"id\":3,\"type\":\"event\",\"event\":{");

    /// <summary>A batch of numeric sensor events.</summary>
    public static List<ReadOnlyMemory<byte>> Sensors(int count, int firstSecond = 0) =>
        Enumerable.Range(0, count)
            .Select(i => StateChanged($"sensor.s{i}", (20 + i).ToString(CultureInfo.InvariantCulture) + ".5", firstSecond + i, """{"unit_of_measurement":"°C"}"""))
            .ToList();
}
