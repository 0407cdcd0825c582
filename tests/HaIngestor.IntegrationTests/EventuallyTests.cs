using HaIngestor.TestUtilities;
using Xunit.Sdk;

namespace HaIngestor.IntegrationTests;

public sealed class EventuallyTests
{
    [Fact]
    public async Task AssertAsync_ConditionBecomesTrue_Returns()
    {
        var calls = 0;

        await Eventually.AssertAsync(() => ++calls >= 3, TimeSpan.FromSeconds(30));

        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task AssertAsync_ConditionNeverTrue_FailsNamingTheConditionAndLastError()
    {
        Func<bool> condition = () => throw new InvalidOperationException("not yet");

        var failure = await Assert.ThrowsAsync<FailException>(() => Eventually.AssertAsync(condition, TimeSpan.Zero, "the thing happened"));

        Assert.Contains("the thing happened", failure.Message, StringComparison.Ordinal);
        Assert.Contains("not yet", failure.Message, StringComparison.Ordinal);
    }
}
