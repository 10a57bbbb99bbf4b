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
