namespace BacklogFlow.Web.Tests.Support;

/// <summary>API tests: a fresh web host (real SQLite file) per test, started before it.</summary>
public abstract class ApiTests : IAsyncLifetime
{
    protected WebTestHost Web { get; } = new();

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _ = Web.Server;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return Web.DisposeAsync();
    }
}
