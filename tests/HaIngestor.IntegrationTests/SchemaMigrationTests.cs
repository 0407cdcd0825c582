using System.Globalization;
using System.Text.Json;
using HaIngestor.TestUtilities;

namespace HaIngestor.IntegrationTests;

/// <summary>
/// The migration of docs/SCHEMA.md ("Renamed keys"), statement by statement as the document gives them, against a
/// real InfluxDB 1.x holding points of the old shape.
/// </summary>
public sealed class SchemaMigrationTests
{
    [Fact]
    public async Task DocumentedStatements_OldServiceCallField_RenamedEverythingKeptAndTheQueryAcrossMeasurementsFindsTheDoor()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("migrate");
        await database.QueryAsync($"CREATE RETENTION POLICY \"raw_1y\" ON \"{database.Name}\" DURATION 8760h REPLICATION 1 DEFAULT");
        var t = TimeProvider.System.GetUtcNow().AddDays(-1).ToUnixTimeMilliseconds();
        var old = string.Join('\n',
            $"home_assistant_events,domain=binary_sensor,entity_id=binary_sensor.front_door,event_type=state_changed state=\"on\",value=1 {t}",
            $"home_assistant_other_events,entity_id=automation.door,event_type=automation_triggered data=\"{{}}\",context_id=\"c0\" {t}",
            $"home_assistant_service_calls,domain=light,event_type=call_service,service=turn_on context_id=\"c1\",entity_id=\"light.a\",service_data=\"{{}}\" {t + 1000}",
            $"home_assistant_service_calls,domain=light,event_type=call_service,home=h,service=turn_off catch_up=true,context_id=\"c2\",service_data=\"{{}}\",user_id=\"u\" {t + 2000}");
        Assert.True((await database.WriteAsync(old)).IsSuccess);
        Assert.Empty(await database.QueryAsync("SELECT \"value\" FROM /.*/ WHERE \"entity_id\" =~ /door/"));

        foreach (var statement in DocumentedStatements())
        {
            await database.QueryAsync(statement.Replace("\"home_assistant\"", $"\"{database.Name}\"", StringComparison.Ordinal));
        }

        var fields = (await database.QueryAsync("SHOW FIELD KEYS FROM \"home_assistant_service_calls\"")).SelectMany(s => s.Values).Select(r => r[0].GetString()).ToList();
        Assert.Equal(["catch_up", "context_id", "service_data", "service_entity_id", "user_id"], fields);
        var calls = Assert.Single(await database.QueryAsync("SELECT * FROM \"home_assistant_service_calls\""));
        Assert.Equal(
            [$"{t + 1000}|c1|light|call_service||turn_on|{{}}|light.a|", $"{t + 2000}|c2|light|call_service|h|turn_off|{{}}||u"],
            calls.Values.Select(r => string.Join('|', r.Where((_, i) => calls.Columns[i] != "catch_up").Select(Text))).ToList());
        Assert.Single(Assert.Single(await database.QueryAsync("SELECT \"value\" FROM /.*/ WHERE \"entity_id\" =~ /door/")).Values);
        Assert.Single(Assert.Single(await database.QueryAsync("SELECT \"data\" FROM \"home_assistant_other_events\"")).Values);
        var policies = (await database.QueryAsync("SHOW RETENTION POLICIES")).SelectMany(s => s.Values).Select(r => (Name: r[0].GetString(), Default: r[^1].GetBoolean())).ToList();
        Assert.DoesNotContain(policies, p => p.Name == "ha_ingestor_migrate");
        Assert.Contains(("raw_1y", true), policies);
    }

    private static string Text(JsonElement cell) => cell.ValueKind switch
    {
        JsonValueKind.Null => string.Empty,
        JsonValueKind.Number => cell.GetInt64().ToString(CultureInfo.InvariantCulture),
        _ => cell.ToString(),
    };

    /// <summary>The statements of the <c>sql</c> block under "Renamed keys" in docs/SCHEMA.md.</summary>
    private static IReadOnlyList<string> DocumentedStatements()
    {
        var text = File.ReadAllText(RepositoryRoot.Combine("docs", "SCHEMA.md"));
        var section = text[text.IndexOf("### Renamed keys", StringComparison.Ordinal)..];
        var start = section.IndexOf("```sql\n", StringComparison.Ordinal) + "```sql\n".Length;
        var block = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];
        var statements = block.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(statements.Length >= 10, block);
        return statements;
    }
}
