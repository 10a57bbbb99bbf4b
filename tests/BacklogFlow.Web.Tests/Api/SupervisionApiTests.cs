using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BacklogFlow.Engine.Quarantine;
using BacklogFlow.Web.Tests.Support;

namespace BacklogFlow.Web.Tests.Api;

public sealed class SupervisionApiTests : ApiTests
{
    [Theory]
    [InlineData("/api/quarantine")]
    [InlineData("/api/audit")]
    [InlineData("/api/queues")]
    [InlineData("/api/priority-classes")]
    [InlineData("/api/plan?reviewers=3")]
    public async Task Supervision_CaseWorker_Forbidden(string path)
    {
        using var worker = await Web.SignedInAsync("worker-a", "caseworker");

        using var response = await worker.GetAsync(path, Cancel);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Quarantine_SupervisorDiscardsWithAReason_GoneFromTheOpenListAndAudited()
    {
        var entry = await Web.QueryAsync(async db =>
        {
            var quarantined = db.Quarantine(QuarantineReasons.Invalid, "product: 'vog-xx' is not a product", """{"applicationId":"a-1"}""",
                "justis-legacy", "a-1", Guid.NewGuid(), WebTestHost.Start);
            await db.SaveChangesAsync(Cancel);
            return quarantined;
        });
        using var supervisor = await Web.SignedInAsync("super-1", "supervisor");

        var open = await supervisor.GetFromJsonAsync<JsonElement>("/api/quarantine", Cancel);
        using var withoutReason = await supervisor.PostAsJsonAsync($"/api/quarantine/{entry.Id}/discard", new { reason = "" }, Cancel);
        using var discarded = await supervisor.PostAsJsonAsync($"/api/quarantine/{entry.Id}/discard", new { reason = "a test message" }, Cancel);
        using var again = await supervisor.PostAsJsonAsync($"/api/quarantine/{entry.Id}/discard", new { reason = "twice" }, Cancel);
        var openAfter = await supervisor.GetFromJsonAsync<JsonElement>("/api/quarantine", Cancel);
        var audit = await supervisor.GetFromJsonAsync<JsonElement>("/api/audit?action=quarantine.discarded", Cancel);

        open.GetProperty("items").EnumerateArray().Should().ContainSingle();
        withoutReason.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        discarded.StatusCode.Should().Be(HttpStatusCode.OK);
        again.StatusCode.Should().Be(HttpStatusCode.Conflict, "an entry is resolved once");
        openAfter.GetProperty("items").EnumerateArray().Should().BeEmpty();
        var logged = audit.GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;
        logged.GetProperty("actor").GetString().Should().Be("super-1");
        logged.GetProperty("subject").GetString().Should().Be($"quarantine:{entry.Id}");
        logged.GetProperty("after").GetString().Should().Contain("a test message");
    }
}
