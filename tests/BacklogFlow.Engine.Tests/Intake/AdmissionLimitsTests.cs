using BacklogFlow.Engine.Intake;
using BacklogFlow.Engine.Messaging;

namespace BacklogFlow.Engine.Tests.Intake;

public sealed class AdmissionLimitsTests
{
    [Fact]
    public void For_Defaults_NoWarningAndTheLimitsInWords()
    {
        var limits = AdmissionLimits.For(new IntakeOptions(), new MessagingOptions { Transport = BusTransport.RabbitMq }, consumesIntake: true);

        limits.Warnings.Should().BeEmpty();
        limits.EffectiveConcurrency.Should().Be(128);
        limits.ToString().Should().Be("intake admits at most 10,000 messages/s, 128 at once (concurrency limit 128, prefetch 256)");
    }

    [Fact]
    public void For_PrefetchBelowTheConcurrencyLimit_WarnsAndSaysWhatIsInForce()
    {
        var messaging = new MessagingOptions { Transport = BusTransport.RabbitMq };
        messaging.RabbitMq.PrefetchCount = 4;

        var limits = AdmissionLimits.For(new IntakeOptions { ConcurrentMessageLimit = 16 }, messaging, consumesIntake: true);

        limits.EffectiveConcurrency.Should().Be(4);
        limits.Warnings.Should().ContainSingle().Which.Should().Contain("PrefetchCount 4 is below BacklogFlow:Intake:ConcurrentMessageLimit 16");
    }

    [Fact]
    public void For_ALimitThatWouldTakeHoursToAdmitASurge_Warns()
    {
        var limits = AdmissionLimits.For(new IntakeOptions { AdmissionPerSecond = 10 }, new MessagingOptions(), consumesIntake: true);

        limits.Warnings.Should().ContainSingle().Which.Should().Contain("admits a 70,000-application surge in no less than 1.9 hours");
    }

    [Fact]
    public void For_AProcessThatDoesNotConsume_SaysSo()
    {
        AdmissionLimits.For(new IntakeOptions(), new MessagingOptions(), consumesIntake: false).ToString()
            .Should().Be("this process does not consume intake");
    }
}
