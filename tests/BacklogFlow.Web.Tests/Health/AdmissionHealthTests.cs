using System.Net.Http.Json;
using System.Text.Json;
using BacklogFlow.Web.Tests.Support;

namespace BacklogFlow.Web.Tests.Health;

/// <summary>The admission limits in force are on the readiness page, a misconfigured one as "Degraded" with the reason.</summary>
public sealed class AdmissionHealthTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ready_DefaultLimits_ShownHealthy()
    {
        await using var web = new WebTestHost();
        using var client = web.CreateClient();

        var admission = await AdmissionAsync(client);

        admission.GetProperty("status").GetString().Should().Be("Healthy");
        admission.GetProperty("description").GetString().Should().Be("intake admits at most 10,000 messages/s, 128 at once (concurrency limit 128, in-memory bus)");
    }

    [Fact]
    public async Task Ready_LimitThatTakesHoursForASurge_ShownDegradedWithTheReason()
    {
        await using var web = new WebTestHost(new Dictionary<string, string?> { ["BacklogFlow:Intake:AdmissionPerSecond"] = "10" });
        using var client = web.CreateClient();

        var admission = await AdmissionAsync(client);

        admission.GetProperty("status").GetString().Should().Be("Degraded");
        admission.GetProperty("description").GetString().Should().Contain("AdmissionPerSecond 10 admits a 70,000-application surge in no less than 1.9 hours");
    }

    private static async Task<JsonElement> AdmissionAsync(HttpClient client)
    {
        var report = await client.GetFromJsonAsync<JsonElement>("/health/ready", Cancel);
        return report.GetProperty("checks").GetProperty("intake-admission");
    }
}
