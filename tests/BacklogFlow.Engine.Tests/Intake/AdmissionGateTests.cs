using BacklogFlow.Engine.Intake;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BacklogFlow.Engine.Tests.Intake;

public sealed class AdmissionGateTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WaitAsync_OverTheLimit_WaitsForTheNextToken()
    {
        var time = new FakeTimeProvider();
        var gate = new AdmissionGate(Options.Create(new IntakeOptions { AdmissionPerSecond = 2 }), time);

        await gate.WaitAsync(Cancel);
        await gate.WaitAsync(Cancel);
        var third = gate.WaitAsync(Cancel).AsTask();
        var waitedBeforeTheToken = !third.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(499));
        var waitedUntilJustBefore = !third.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(1));
        await third;

        waitedBeforeTheToken.Should().BeTrue("a second's worth (2) is the burst");
        waitedUntilJustBefore.Should().BeTrue("at 2 a second the next token comes after half a second");
    }

    [Fact]
    public async Task WaitAsync_ManyWaitingAtOnce_EachSleepsOnceUntilItsOwnSlotInArrivalOrder()
    {
        // 128 concurrent consumes met an empty bucket: each used to wake for every token and try
        // again, a herd that took both cores in the embedded surge. Each waiter now books its slot.
        var time = new TimerCountingTimeProvider();
        var gate = new AdmissionGate(Options.Create(new IntakeOptions { AdmissionPerSecond = 10 }), time);
        for (var i = 0; i < 10; i++)
        {
            await gate.WaitAsync(Cancel);
        }

        var waiting = Enumerable.Range(0, 50).Select(_ => gate.WaitAsync(Cancel).AsTask()).ToList();
        var admittedAfterEachTenth = new List<int>();
        for (var tenth = 0; tenth < 50; tenth++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            admittedAfterEachTenth.Add(waiting.Count(w => w.IsCompleted));
        }

        await Task.WhenAll(waiting);
        admittedAfterEachTenth.Should().Equal(Enumerable.Range(1, 50), "one admission every tenth of a second at 10 a second, in arrival order");
        waiting.Select((w, i) => (w, i)).Should().OnlyContain(x => x.w.IsCompletedSuccessfully);
        time.TimersCreated.Should().Be(50, "each waiter sleeps once, until its own slot");
    }

    [Fact]
    public async Task WaitAsync_AfterASecondIdle_TheBurstIsBackAndNoMore()
    {
        var time = new FakeTimeProvider();
        var gate = new AdmissionGate(Options.Create(new IntakeOptions { AdmissionPerSecond = 4 }), time);
        for (var i = 0; i < 4; i++)
        {
            await gate.WaitAsync(Cancel);
        }

        time.Advance(TimeSpan.FromMilliseconds(500));
        var halfRefilled = Enumerable.Range(0, 3).Select(_ => gate.WaitAsync(Cancel).IsCompleted).ToList();
        time.Advance(TimeSpan.FromSeconds(10));
        var afterIdle = Enumerable.Range(0, 5).Select(_ => gate.WaitAsync(Cancel).IsCompleted).ToList();

        halfRefilled.Should().Equal([true, true, false], "half a second at 4 a second gives back two tokens");
        afterIdle.Should().Equal([true, true, true, true, false], "a long idle fills the bucket to a second's worth, no more");
    }

    /// <summary>Fake time that counts the timers made on it (<see cref="Task.Delay(TimeSpan, TimeProvider)"/> makes one per wait).</summary>
    private sealed class TimerCountingTimeProvider : FakeTimeProvider
    {
        public int TimersCreated { get; private set; }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            TimersCreated++;
            return base.CreateTimer(callback, state, dueTime, period);
        }
    }

    [Fact]
    public async Task WaitAsync_CancelledWhileWaiting_GivesUp()
    {
        var time = new FakeTimeProvider();
        var gate = new AdmissionGate(Options.Create(new IntakeOptions { AdmissionPerSecond = 1 }), time);
        await gate.WaitAsync(Cancel);
        using var consume = new CancellationTokenSource();

        var waiting = gate.WaitAsync(consume.Token).AsTask();
        await consume.CancelAsync();

        await waiting.Awaiting(w => w).Should().ThrowAsync<OperationCanceledException>();
    }
}
