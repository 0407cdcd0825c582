using HaIngestor.Core.Batching;

namespace HaIngestor.Core.Tests.Batching;

public sealed class BatcherOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var result = new BatcherOptionsValidator().Validate(null, new BatcherOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData(nameof(BatcherOptions.MaxBatchSize))]
    [InlineData(nameof(BatcherOptions.MaxBatchDelay))]
    public void Validate_SettingOutOfRange_FailsNamingTheSetting(string setting)
    {
        var options = new BatcherOptions();
        switch (setting)
        {
            case nameof(BatcherOptions.MaxBatchSize): options.MaxBatchSize = 0; break;
            default: options.MaxBatchDelay = TimeSpan.Zero; break;
        }

        var result = new BatcherOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
    }
}
