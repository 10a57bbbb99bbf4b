using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BacklogFlow.Web.Tests.Api;

public sealed class OutageApiTests : ApiTests
{
    private static object Outage2021 => new
    {
        start = "2021-10-15", end = "2021-11-01", products = new[] { "vog-np" }, catchUpDays = 28, description = "VOG outage 2021",
    };

    [Fact]
    public async Task Outages_CaseWorker_Forbidden()
    {
        using var worker = await Web.SignedInAsync("worker-a", "caseworker");

        using var list = await worker.GetAsync("/api/outages", Cancel);
        using var register = await worker.PostAsJsonAsync("/api/outages", Outage2021, Cancel);
        using var forceMajeure = await worker.PostAsJsonAsync($"/api/outages/{Guid.NewGuid()}/force-majeure", new { confirm = true }, Cancel);

        list.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        register.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        forceMajeure.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Web.QueryAsync(db => db.OutageWindows.CountAsync(Cancel))).Should().Be(0);
    }

    [Fact]
    public async Task Register_Window_ListedAndAuditedWithTheSupervisor()
    {
        using var supervisor = await Web.SignedInAsync("super-1", "supervisor");

        using var registered = await supervisor.PostAsJsonAsync("/api/outages", Outage2021, Cancel);
        var window = await registered.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var list = await supervisor.GetFromJsonAsync<JsonElement>("/api/outages", Cancel);
        var audit = await supervisor.GetFromJsonAsync<JsonElement>("/api/audit?action=outage.registered", Cancel);

        registered.StatusCode.Should().Be(HttpStatusCode.OK);
        window.GetProperty("start").GetString().Should().Be("2021-10-15");
        window.GetProperty("end").GetString().Should().Be("2021-11-01");
        window.GetProperty("products").EnumerateArray().Select(p => p.GetString()).Should().Equal("vog-np");
        window.GetProperty("catchUpDays").GetInt32().Should().Be(28);
        window.GetProperty("forceMajeureAppliedAt").ValueKind.Should().Be(JsonValueKind.Null);
        list.GetProperty("items").EnumerateArray().Should().ContainSingle()
            .Which.GetProperty("id").GetString().Should().Be(window.GetProperty("id").GetString());
        var logged = audit.GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;
        logged.GetProperty("actor").GetString().Should().Be("super-1");
        logged.GetProperty("subject").GetString().Should().Be($"outage:{window.GetProperty("id").GetString()}");
        logged.GetProperty("after").GetString().Should().Contain("VOG outage 2021");
    }

    [Theory]
    [InlineData("""{"start":"2021-11-01","end":"2021-10-15","products":["vog-np"],"catchUpDays":28}""", "before it starts")]
    [InlineData("""{"start":"2021-10-15","end":"2021-11-01","products":["vog-xx"],"catchUpDays":28}""", "vog-xx")]
    [InlineData("""{"start":"2021-10-15","end":"2021-11-01","products":[],"catchUpDays":28}""", "products")]
    [InlineData("""{"end":"2021-11-01","products":["vog-np"]}""", "start, catchUpDays")]
    [InlineData("""{"start":"2021-10-15","end":"2021-11-01","products":["vog-np"],"catchUpDays":-1}""", "catchUpDays")]
    public async Task Register_BadInput_ProblemJson400WithTheReason(string body, string reason)
    {
        using var supervisor = await Web.SignedInAsync("super-1", "supervisor");

        using var response = await supervisor.PostAsync(
            "/api/outages", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancel);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        problem.GetProperty("status").GetInt32().Should().Be(400);
        problem.GetProperty("detail").GetString().Should().Contain(reason);
        (await Web.QueryAsync(db => db.AuditEntries.CountAsync(Cancel))).Should().Be(0, "nothing was registered");
    }

    [Fact]
    public async Task Register_UnreadableDate_ProblemJson400()
    {
        using var supervisor = await Web.SignedInAsync("super-1", "supervisor");

        using var response = await supervisor.PostAsync("/api/outages", new StringContent(
            """{"start":"2021-02-30","end":"2021-11-01","products":["vog-np"],"catchUpDays":28}""", System.Text.Encoding.UTF8, "application/json"), Cancel);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task ForceMajeure_DryRunThenConfirmed_CountsFirstThenSuspendsAndAudits()
    {
        await Web.SeedReviewTasksAsync(WebTestHost.Application() with { ReceivedAt = new DateTimeOffset(2021, 10, 13, 9, 0, 0, TimeSpan.Zero) });
        using var supervisor = await Web.SignedInAsync("super-1", "supervisor");
        using var registered = await supervisor.PostAsJsonAsync("/api/outages", Outage2021, Cancel);
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetString();

        using var dryRun = await supervisor.PostAsJsonAsync($"/api/outages/{id}/force-majeure", new { confirm = false }, Cancel);
        var plan = await dryRun.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var deadlineAfterDryRun = await Web.QueryAsync(db => db.Cases.Select(c => c.LegalDeadline).SingleAsync(Cancel));
        var auditAfterDryRun = await Web.QueryAsync(db => db.AuditEntries.CountAsync(Cancel));
        using var applied = await supervisor.PostAsJsonAsync($"/api/outages/{id}/force-majeure", new { confirm = true }, Cancel);
        var result = await applied.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var audit = await supervisor.GetFromJsonAsync<JsonElement>($"/api/audit?subject=outage:{id}&action=outage.force-majeure-applied", Cancel);

        plan.GetProperty("applied").GetBoolean().Should().BeFalse();
        plan.GetProperty("openCases").GetInt32().Should().Be(1);
        plan.GetProperty("suspended").GetInt32().Should().Be(0);
        deadlineAfterDryRun.Should().Be(new DateOnly(2021, 12, 8), "a dry run changes nothing");
        auditAfterDryRun.Should().Be(1, "only the registration");
        result.GetProperty("applied").GetBoolean().Should().BeTrue();
        result.GetProperty("suspended").GetInt32().Should().Be(1);
        (await Web.QueryAsync(db => db.Cases.SingleAsync(Cancel))).Clock.Events.OfType<ClockSuspended>().Should().ContainSingle();
        audit.GetProperty("items").EnumerateArray().Should().ContainSingle()
            .Which.GetProperty("actor").GetString().Should().Be("super-1");
    }

    [Fact]
    public async Task ForceMajeure_UnknownOutage_NotFound()
    {
        using var supervisor = await Web.SignedInAsync("super-1", "supervisor");

        using var response = await supervisor.PostAsJsonAsync($"/api/outages/{Guid.NewGuid()}/force-majeure", new { confirm = false }, Cancel);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
