using BacklogFlow.Engine.Simulation;

namespace BacklogFlow.Engine.Tests.Simulation;

public sealed class SyntheticSurgeTests
{
    private static readonly DateTimeOffset Now = new(2021, 11, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Generate_SameSeed_SameSurge()
    {
        var spec = new SurgeSpecification(500, 0.1, 0.02, 0.01, Seed: 42, "legacy", Now);

        var first = SyntheticSurge.Generate(spec);
        var second = SyntheticSurge.Generate(spec);

        first.Select(m => m.Message).Should().Equal(second.Select(m => m.Message), (a, b) =>
            a.ApplicationId == b.ApplicationId && a.Sector == b.Sector && a.ApplicantReference == b.ApplicantReference && a.Channel == b.Channel);
    }

    [Fact]
    public void Generate_Fractions_ExactCountsPerKind()
    {
        var spec = new SurgeSpecification(1000, 0.1, 0.02, 0.01, Seed: 1, "legacy", Now);

        var messages = SyntheticSurge.Generate(spec);

        messages.Should().HaveCount(1000 + 100 + 10);
        messages.Count(m => m.Kind == SurgeMessageKind.Invalid).Should().Be(20);
        messages.Count(m => m.Kind == SurgeMessageKind.Application).Should().Be(980);
        messages.Count(m => m.Kind == SurgeMessageKind.Duplicate).Should().Be(100);
        messages.Count(m => m.Kind == SurgeMessageKind.Conflict).Should().Be(10);
        messages.Where(m => m.Kind == SurgeMessageKind.Application).Select(m => m.Message.ApplicationId).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Generate_ResendsComeAfterEveryOriginal()
    {
        var messages = SyntheticSurge.Generate(new SurgeSpecification(300, 0.5, 0, 0.1, Seed: 3, "legacy", Now));

        var firstResend = messages.ToList().FindIndex(m => m.Kind is SurgeMessageKind.Duplicate or SurgeMessageKind.Conflict);
        messages.Skip(firstResend).Should().OnlyContain(m => m.Kind == SurgeMessageKind.Duplicate || m.Kind == SurgeMessageKind.Conflict);
    }
}
