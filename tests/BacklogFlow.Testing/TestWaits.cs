namespace BacklogFlow.Testing;

/// <summary>
/// The longest a test waits for an event it expects (a message consumed or received). Tests are
/// woken by the event itself; this only turns a lost message into a failure instead of a hang.
/// </summary>
public static class TestWaits
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
}
