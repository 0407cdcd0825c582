using HaIngestor.Adapters.DeadLetters;

namespace HaIngestor.Adapters.Tests.DeadLetters;

public sealed class DeadLetterOptionsValidatorTests
{
    [Theory]
    [InlineData(null, null, null, "exactly one of DeadLetters:ServiceUri, DeadLetters:ConnectionString or DeadLetters:Folder")]
    [InlineData("https://a.blob.core.windows.net", "UseDevelopmentStorage=true", null, "exactly one of")]
    [InlineData("ftp://a.blob.core.windows.net", null, null, "DeadLetters:ServiceUri must be an absolute https URL")]
    public void Validate_BadTarget_FailsNamingTheSetting(string? serviceUri, string? connectionString, string? folder, string expected)
    {
        var options = new DeadLetterOptions
        {
            ServiceUri = serviceUri is null ? null : new Uri(serviceUri),
            ConnectionString = connectionString,
            Folder = folder,
        };

        var result = new DeadLetterOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadContainerName_FailsNamingTheSetting()
    {
        var options = new DeadLetterOptions { Folder = "/tmp/x", Container = "Bad_Name" };

        var result = new DeadLetterOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("DeadLetters:Container", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ManagedIdentity_Succeeds()
    {
        var options = new DeadLetterOptions { ServiceUri = new Uri("https://a.blob.core.windows.net"), ClientId = "00000000-0000-0000-0000-000000000001" };

        Assert.True(new DeadLetterOptionsValidator().Validate(null, options).Succeeded);
    }
}
