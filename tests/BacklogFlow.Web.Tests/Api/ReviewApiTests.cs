using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BacklogFlow.Domain.Cases;
using BacklogFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BacklogFlow.Web.Tests.Api;

public sealed class ReviewApiTests : ApiTests
{
    [Theory]
    [InlineData("GET", "/api/tasks/mine")]
    [InlineData("POST", "/api/tasks/next")]
    [InlineData("GET", "/api/auth/me")]
    public async Task Api_WithoutSignIn_Unauthorized(string method, string path)
    {
        using var anonymous = Web.CreateClient();

        using var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Cancel);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task HealthAndOpenApi_WithoutSignIn_Served()
    {
        using var anonymous = Web.CreateClient();

        (await anonymous.GetStringAsync("/health/live", Cancel)).Should().Be("Healthy");
        var openApi = await anonymous.GetStringAsync("/openapi/v1.json", Cancel);

        openApi.Should().Contain("/api/tasks/next").And.Contain("/api/tasks/{id}/decision").And.Contain("/api/cases/{id}");
    }

    [Fact]
    public async Task Login_WrongPassword_ProblemDetails()
    {
        await Web.SignedInAsync("worker-a", "caseworker");
        using var anonymous = Web.CreateClient();

        using var response = await anonymous.PostAsJsonAsync("/api/auth/login", new { userName = "worker-a", password = "not-the-password" }, Cancel);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Next_UserWithoutAReviewRole_Forbidden()
    {
        using var client = await Web.SignedInAsync("someone");

        using var response = await client.PostAsync("/api/tasks/next", null, Cancel);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task NextThenDecide_CaseWorker_MandatoryTaskFirstAndDecidedWithItsClock()
    {
        var seeded = await Web.SeedReviewTasksAsync(WebTestHost.Application("general"), WebTestHost.Application("childcare"));
        using var worker = await Web.SignedInAsync("worker-a", "caseworker");

        var task = await (await worker.PostAsync("/api/tasks/next", null, Cancel)).Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var caseId = task.GetProperty("caseId").GetGuid();
        var shown = await worker.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}", Cancel);
        var mine = await worker.GetFromJsonAsync<JsonElement>("/api/tasks/mine", Cancel);
        using var decided = await worker.PostAsJsonAsync($"/api/tasks/{task.GetProperty("id").GetGuid()}/decision", new { outcome = "issue" }, Cancel);

        task.GetProperty("id").GetGuid().Should().Be(seeded[1].Id, "the childcare case is legally mandatory and goes first");
        shown.GetProperty("mandatory").GetString().Should().Be("mandatory");
        shown.GetProperty("clock").GetProperty("legalDeadline").GetString().Should().Be("2021-12-28", "received Tue 2 Nov 2021, a record found: 8 weeks");
        shown.GetProperty("clock").GetProperty("appliedRules").EnumerateArray().Should().NotBeEmpty();
        mine.GetProperty("items").EnumerateArray().Should().ContainSingle();
        decided.StatusCode.Should().Be(HttpStatusCode.OK, await decided.Content.ReadAsStringAsync(Cancel));
        var stored = await Web.QueryAsync(db => db.Cases.SingleAsync(c => c.Id == caseId, Cancel));
        stored.Status.Should().Be(CaseStatus.Decided);
        stored.DecidedBy.Should().Be("worker-a");
        var audit = await Web.QueryAsync(db => db.AuditEntries.OrderBy(e => e.Id).ToListAsync(Cancel));
        audit.Select(e => (e.Actor, e.Action)).Should().Equal(("worker-a", "task.claimed"), ("worker-a", "case.decided"));
        audit[1].Subject.Should().Be($"case:{caseId}");
        audit[1].Before.Should().Contain("AwaitingReview");
        audit[1].After.Should().Contain("\"outcome\":\"issue\"");
    }

    [Fact]
    public async Task Decide_TaskHeldBySomeoneElse_ConflictProblem()
    {
        await Web.SeedReviewTasksAsync(WebTestHost.Application());
        using var holder = await Web.SignedInAsync("worker-a", "caseworker");
        using var other = await Web.SignedInAsync("worker-b", "caseworker");
        var task = await (await holder.PostAsync("/api/tasks/next", null, Cancel)).Content.ReadFromJsonAsync<JsonElement>(Cancel);

        using var response = await other.PostAsJsonAsync($"/api/tasks/{task.GetProperty("id").GetGuid()}/decision", new { outcome = "issue" }, Cancel);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync(Cancel)).Should().Contain("You do not hold this task");
    }

    [Fact]
    public async Task Decide_RefuseWithoutAnIntent_ConflictProblem()
    {
        await Web.SeedReviewTasksAsync(WebTestHost.Application());
        using var worker = await Web.SignedInAsync("worker-a", "caseworker");
        var task = await (await worker.PostAsync("/api/tasks/next", null, Cancel)).Content.ReadFromJsonAsync<JsonElement>(Cancel);

        using var response = await worker.PostAsJsonAsync($"/api/tasks/{task.GetProperty("id").GetGuid()}/decision", new { outcome = "refuse" }, Cancel);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync(Cancel)).Should().Contain("without an intent to refuse");
    }

    [Fact]
    public async Task IntentThenRefuse_TwoCaseWorkers_FourEyesOverHttp()
    {
        var seeded = await Web.SeedReviewTasksAsync(WebTestHost.Application());
        var caseId = seeded[0].CaseId;
        using var first = await Web.SignedInAsync("worker-a", "caseworker");
        using var second = await Web.SignedInAsync("worker-b", "caseworker");
        var taskId = (await (await first.PostAsync("/api/tasks/next", null, Cancel)).Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetGuid();

        using var intent = await first.PostAsJsonAsync($"/api/tasks/{taskId}/intent-to-refuse", new { reason = "a recent conviction for fraud" }, Cancel);
        using var firstAgain = await first.PostAsync("/api/tasks/next", null, Cancel);
        using var firstRefuses = await first.PostAsJsonAsync($"/api/tasks/{taskId}/decision", new { outcome = "refuse" }, Cancel);
        using var secondDuringHearing = await second.PostAsync("/api/tasks/next", null, Cancel);
        var waiting = await second.GetFromJsonAsync<JsonElement>("/api/tasks/awaiting-hearing", Cancel);
        using var response = await second.PostAsync($"/api/cases/{caseId}/hearing-response", null, Cancel);
        var secondTask = await (await second.PostAsync("/api/tasks/next", null, Cancel)).Content.ReadFromJsonAsync<JsonElement>(Cancel);
        using var refused = await second.PostAsJsonAsync($"/api/tasks/{taskId}/decision", new { outcome = "refuse" }, Cancel);

        intent.StatusCode.Should().Be(HttpStatusCode.OK, await intent.Content.ReadAsStringAsync(Cancel));
        var intentView = (await intent.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("refusalIntent");
        intentView.GetProperty("intendedBy").GetString().Should().Be("worker-a");
        intentView.GetProperty("hearingEndsOn").GetString().Should().Be("2021-11-16");
        firstAgain.StatusCode.Should().Be(HttpStatusCode.NoContent, "the reviewer who intended the refusal never gets the task back");
        firstRefuses.StatusCode.Should().Be(HttpStatusCode.Conflict, "the task went back to the queue");
        secondDuringHearing.StatusCode.Should().Be(HttpStatusCode.NoContent, "while the applicant is heard the task is parked");
        var parked = waiting.GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;
        parked.GetProperty("id").GetGuid().Should().Be(taskId);
        parked.GetProperty("parkedUntil").GetDateTimeOffset().Should().Be(new DateTimeOffset(2021, 11, 16, 23, 0, 0, TimeSpan.Zero), "midnight after the hearing's last day in Amsterdam");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancel));
        secondTask.GetProperty("id").GetGuid().Should().Be(taskId, "the response returned it to the queue");
        secondTask.GetProperty("refusalIntendedBy").GetString().Should().Be("worker-a");
        secondTask.GetProperty("parkedUntil").ValueKind.Should().Be(JsonValueKind.Null);
        refused.StatusCode.Should().Be(HttpStatusCode.OK, await refused.Content.ReadAsStringAsync(Cancel));
        var decided = await refused.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        decided.GetProperty("outcome").GetString().Should().Be("refuse");
        decided.GetProperty("decidedBy").GetString().Should().Be("worker-b");
        var audit = await Web.QueryAsync(db => db.AuditEntries.OrderBy(e => e.Id).ToListAsync(Cancel));
        audit.Select(e => (e.Actor, e.Action)).Should().Equal(
            ("worker-a", "task.claimed"),
            ("worker-a", "case.refusal-intended"),
            ("worker-b", "case.hearing-response-recorded"),
            ("worker-b", "task.claimed"),
            ("worker-b", "case.decided"));
    }

    [Fact]
    public async Task RequestInformation_HeldTask_LegalDeadlineMovesAndAPeriodTooLongIsRefused()
    {
        await Web.SeedReviewTasksAsync(WebTestHost.Application());
        using var worker = await Web.SignedInAsync("worker-a", "caseworker");
        var taskId = (await (await worker.PostAsync("/api/tasks/next", null, Cancel)).Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetGuid();

        using var tooLong = await worker.PostAsJsonAsync($"/api/tasks/{taskId}/request-information", new { periodDays = 60 }, Cancel);
        using var requested = await worker.PostAsJsonAsync($"/api/tasks/{taskId}/request-information", new { periodDays = 14 }, Cancel);

        tooLong.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await tooLong.Content.ReadAsStringAsync(Cancel)).Should().Contain("1 to 28 days");
        requested.StatusCode.Should().Be(HttpStatusCode.OK, await requested.Content.ReadAsStringAsync(Cancel));
        var clock = (await requested.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("clock");
        clock.GetProperty("legalDeadline").GetString().Should().Be("2022-01-11", "Tue 28 Dec 2021 + 14 days suspended");
        var mine = await worker.GetFromJsonAsync<JsonElement>("/api/tasks/mine", Cancel);
        mine.GetProperty("items").EnumerateArray().Should().BeEmpty("the task went back to the queue while the applicant completes the application");
    }
}
