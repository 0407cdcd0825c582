using System.Net;
using HaIngestor.TestUtilities;

namespace HaIngestor.IntegrationTests;

public sealed class InfluxDbTestDatabaseTests
{
    [Fact]
    public async Task WriteAsync_ValidLine_ReadsBackTagsFieldsAndTime()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("utilities");

        var response = await database.WriteAsync("m,host=a\\ b value=1.5,text=\"x \\\"y\\\"\" 1700000000000\n", "ms");
        var series = await database.QueryAsync("SELECT * FROM \"m\" GROUP BY *");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var only = Assert.Single(series);
        Assert.Equal("m", only.Name);
        Assert.Equal("a b", only.Tags["host"]);
        var row = Assert.Single(only.Rows());
        Assert.Equal(1700000000000, row["time"].GetInt64());
        Assert.Equal(1.5, row["value"].GetDouble());
        Assert.Equal("x \"y\"", row["text"].GetString());
    }

    [Fact]
    public async Task WriteAsync_FieldTypeConflict_Returns400WithTheReason()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("utilities");
        Assert.True((await database.WriteAsync("m value=1 1000", "ms")).IsSuccess);

        var response = await database.WriteAsync("m value=\"text\" 2000", "ms");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("conflict", response.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DisposeAsync_Always_DropsTheDatabase()
    {
        var database = await InfluxDbTestDatabase.CreateAsync("utilities");
        var name = database.Name;

        await database.DisposeAsync();

        await using var other = await InfluxDbTestDatabase.CreateAsync("utilities");
        var names = (await other.QueryAsync("SHOW DATABASES")).SelectMany(s => s.Values).Select(v => v[0].GetString());
        Assert.DoesNotContain(name, names);
    }
}
