using HaIngestor.Adapters.Retention;

namespace HaIngestor.Adapters.Tests.Retention;

public sealed class SummaryOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var result = new SummaryOptionsValidator().Validate(null, new SummaryOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("Days", "0", "Summary:Days")]
    [InlineData("Days", "400", "Summary:Days")]
    [InlineData("Schedule", "0 10 0 * *", "Summary:Schedule")]
    [InlineData("Schedule", "", "Summary:Schedule")]
    [InlineData("RetentionPolicy", "daily 5y", "Summary:RetentionPolicy")]
    [InlineData("ChunkSize", "5", "Summary:ChunkSize")]
    [InlineData("Bucket", "  ", "Summary:Bucket")]
    public void Validate_BadSetting_FailsNamingTheSetting(string setting, string value, string expected)
    {
        var options = new SummaryOptions();
        switch (setting)
        {
            case "Days": options.Days = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "Schedule": options.Schedule = value; break;
            case "RetentionPolicy": options.RetentionPolicy = value; break;
            case "ChunkSize": options.ChunkSize = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            default: options.Bucket = value; break;
        }

        var result = new SummaryOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void SummarySelect_SpecialNames_QuotesEveryIdentifier()
    {
        var text = DailySummarizer.SummarySelect("°C \"x\"", ["entity_id", "a b"], new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 3));

        Assert.Equal(
            "SELECT mean(\"value\") AS \"value_mean\", min(\"value\") AS \"value_min\", max(\"value\") AS \"value_max\", count(\"value\") AS \"value_count\" "
            + "FROM \"°C \\\"x\\\"\" WHERE time >= '2026-01-01T00:00:00Z' AND time < '2026-01-03T00:00:00Z' GROUP BY time(1d), \"entity_id\", \"a b\" fill(none)",
            text);
    }
}
