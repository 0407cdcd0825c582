using HaIngestor.Simulator.Protocol;

namespace HaIngestor.Simulator.Tests;

public sealed class OutgoingQueueTests
{
    [Fact]
    public void Enqueue_MessageThatReachesLimit_OverflowsHardAndRefusesMore()
    {
        var overflows = new List<bool>();
        using var queue = CreateSut(overflows.Add, limit: 3, peak: 100);

        Assert.True(queue.Enqueue(Message()));
        Assert.True(queue.Enqueue(Message()));

        // HA appends, then compares the queue length with MAX_PENDING_MSG: the third message already cuts off.
        Assert.False(queue.Enqueue(Message()));
        Assert.False(queue.Enqueue(Message()));
        Assert.Equal([true], overflows);
    }

    [Fact]
    public void Enqueue_OverPeakForPeakTime_OverflowsSoft()
    {
        var time = SimulatorFixture.FakeTime();
        var overflows = new List<bool>();
        using var queue = CreateSut(overflows.Add, limit: 100, peak: 2, time);

        queue.Enqueue(Message());
        queue.Enqueue(Message());
        queue.Enqueue(Message());
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Empty(overflows);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([false], overflows);
    }

    [Fact]
    public void Enqueue_ExactlyAtPeak_DoesNotArmThePeakChecker()
    {
        var time = SimulatorFixture.FakeTime();
        var overflows = new List<bool>();
        using var queue = CreateSut(overflows.Add, limit: 100, peak: 2, time);

        queue.Enqueue(Message());
        queue.Enqueue(Message());
        time.Advance(TimeSpan.FromSeconds(30));

        Assert.Empty(overflows);
    }

    [Fact]
    public void Enqueue_DrainedBelowPeakBeforePeakTime_DoesNotOverflow()
    {
        var time = SimulatorFixture.FakeTime();
        var overflows = new List<bool>();
        using var queue = CreateSut(overflows.Add, limit: 100, peak: 2, time);

        queue.Enqueue(Message());
        queue.Enqueue(Message());
        queue.Enqueue(Message());
        time.Advance(TimeSpan.FromSeconds(5));
        queue.TryRead(out _);
        queue.TryRead(out _);
        queue.Enqueue(Message());
        time.Advance(TimeSpan.FromSeconds(20));

        Assert.Empty(overflows);
    }

    private static OutgoingQueue CreateSut(Action<bool> overflow, int limit, int peak, TimeProvider? time = null) =>
        new(limit, peak, TimeSpan.FromSeconds(10), time ?? SimulatorFixture.FakeTime(), overflow);

    private static OutgoingMessage Message() => OutgoingMessage.Of("{}");
}
