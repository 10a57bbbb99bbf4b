using BacklogFlow.Contracts;
using BacklogFlow.Domain.Cases;

namespace BacklogFlow.Engine.Tests.Support;

/// <summary>Test applications: valid unless a test says otherwise.</summary>
public static class Applications
{
    private static int _next;

    public static ApplicationSubmitted Submitted(
        string product = "vog-np", string? sector = "education", string channel = "web", string? id = null) => new()
        {
            ApplicationId = id ?? $"app-{Interlocked.Increment(ref _next):D6}",
            SourceSystem = "justis-legacy",
            Product = product,
            ApplicantReference = $"ap-{Guid.NewGuid():N}",
            ScreeningProfile = "general",
            FunctionAspects = ["11", "12"],
            Sector = sector,
            Channel = channel,
            ReceivedAt = EngineTestHost.Start.AddHours(-1),
        };

    public static ApplicationDetails Details(
        string? sector = "education", DateTimeOffset? receivedAt = null, string product = "vog-np") => new(
            "justis-legacy",
            $"app-{Interlocked.Increment(ref _next):D6}",
            product,
            $"ap-{Guid.NewGuid():N}",
            "general",
            ["11"],
            sector,
            Channels.Web,
            receivedAt ?? EngineTestHost.Start.AddHours(-1),
            null);
}
