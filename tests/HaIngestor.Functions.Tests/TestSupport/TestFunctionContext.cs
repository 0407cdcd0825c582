using Microsoft.Azure.Functions.Worker;

namespace HaIngestor.Functions.Tests.TestSupport;

/// <summary>The narrow part of the Functions host a function class sees: its retry state and cancellation.</summary>
internal sealed class TestFunctionContext : FunctionContext
{
    public TestFunctionContext(IServiceProvider services, int retryCount, int maxRetryCount = 5)
    {
        InstanceServices = services;
        RetryContext = new TestRetryContext(retryCount, maxRetryCount);
    }

    public override string InvocationId { get; } = Guid.NewGuid().ToString("N");

    public override string FunctionId => "test";

    public override TraceContext TraceContext => throw new NotSupportedException();

    public override BindingContext BindingContext => throw new NotSupportedException();

    public override RetryContext RetryContext { get; }

    public override IServiceProvider InstanceServices { get; set; }

    public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => throw new NotSupportedException();

    private sealed class TestRetryContext(int retryCount, int maxRetryCount) : RetryContext
    {
        public override int RetryCount => retryCount;

        public override int MaxRetryCount => maxRetryCount;
    }
}
