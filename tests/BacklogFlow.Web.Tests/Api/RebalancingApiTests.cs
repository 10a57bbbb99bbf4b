using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BacklogFlow.Web.Tests.Support;

namespace BacklogFlow.Web.Tests.Api;

public sealed class RebalancingApiTests : ApiTests
{
    [Fact]
    public async Task Queue_TwoSupervisorsEditTheSameVersion_TheSecondGets412AndNothingIsOverwritten()
    {
        using var first = await Web.SignedInAsync("super-1", "supervisor");
        using var second = await Web.SignedInAsync("super-2", "supervisor");
        using var seen = await first.GetAsync("/api/queues/vog-np-regular", Cancel);
        var etag = seen.Headers.ETag!.Tag;

        using var withoutIfMatch = await first.PatchAsJsonAsync("/api/queues/vog-np-regular", new { paused = true }, Cancel);
        using var paused = await Patch(first, "/api/queues/vog-np-regular", new { paused = true }, etag);
        using var overwrite = await Patch(second, "/api/queues/vog-np-regular", new { weight = 7 }, etag);
        var now = await first.GetFromJsonAsync<JsonElement>("/api/queues/vog-np-regular", Cancel);

        etag.Should().Be("\"v0\"");
        withoutIfMatch.StatusCode.Should().Be(HttpStatusCode.PreconditionRequired);
        paused.StatusCode.Should().Be(HttpStatusCode.OK);
        paused.Headers.ETag!.Tag.Should().Be("\"v1\"");
        overwrite.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        overwrite.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        now.GetProperty("paused").GetBoolean().Should().BeTrue();
        now.GetProperty("weight").GetInt32().Should().Be(1, "the second supervisor's weight was refused, not applied");
    }

    [Fact]
    public async Task PriorityClasses_Reorder_OpenTasksServedInTheNewOrder()
    {
        var seeded = await Web.SeedReviewTasksAsync(WebTestHost.Application(sector: "childcare"), WebTestHost.Application(sector: "general"));
        using var supervisor = await Web.SignedInAsync("super-1", "supervisor");
        using var worker = await Web.SignedInAsync("worker-a", "caseworker");
        using var seen = await supervisor.GetAsync("/api/priority-classes", Cancel);

        using var dropped = await Put(supervisor, "/api/priority-classes", new { order = new[] { "regular", "mandatory" } }, seen.Headers.ETag!.Tag);
        using var reordered = await Put(supervisor, "/api/priority-classes", new { order = new[] { "at-risk", "regular", "mandatory" } }, seen.Headers.ETag!.Tag);
        var next = await (await worker.PostAsync("/api/tasks/next", null, Cancel)).Content.ReadFromJsonAsync<JsonElement>(Cancel);

        dropped.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        reordered.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await reordered.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        body.GetProperty("reranked").GetInt32().Should().Be(2);
        next.GetProperty("id").GetGuid().Should().Be(seeded[1].Id);
    }

    [Fact]
    public async Task BulkMove_PreviewThenApplyWithItsETag_MovedOnceAndAudited()
    {
        await Web.SeedReviewTasksAsync(
            WebTestHost.Application(sector: "general"), WebTestHost.Application(sector: "general"), WebTestHost.Application(sector: "childcare"));
        using var supervisor = await Web.SignedInAsync("super-1", "supervisor");
        var request = new { queue = "vog-np-regular", kind = "move-to-queue", target = "vog-np-mandatory" };

        using var preview = await supervisor.PostAsJsonAsync("/api/tasks/bulk-moves/preview", request, Cancel);
        var counted = await preview.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        using var withoutIfMatch = await supervisor.PostAsJsonAsync("/api/tasks/bulk-moves", request, Cancel);
        using var applied = await Send(supervisor, HttpMethod.Post, "/api/tasks/bulk-moves", request, preview.Headers.ETag!.Tag);
        using var replayed = await Send(supervisor, HttpMethod.Post, "/api/tasks/bulk-moves", request, preview.Headers.ETag!.Tag);
        var audit = await supervisor.GetFromJsonAsync<JsonElement>("/api/audit?action=tasks.moved", Cancel);

        counted.GetProperty("tasks").GetInt32().Should().Be(2);
        withoutIfMatch.StatusCode.Should().Be(HttpStatusCode.PreconditionRequired);
        applied.StatusCode.Should().Be(HttpStatusCode.OK);
        replayed.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed, "the tasks the preview named have moved: a second apply must not pretend otherwise");
        (await Web.QueryAsync(db => Task.FromResult(db.ReviewTasks.Count(t => t.Queue == "vog-np-mandatory")))).Should().Be(3);
        audit.GetProperty("items").EnumerateArray().Should().ContainSingle().Which.GetProperty("actor").GetString().Should().Be("super-1");
    }

    [Fact]
    public async Task BulkMove_AssignToAnAccountThatIsNoCaseWorker_Refused()
    {
        await Web.SeedReviewTasksAsync(WebTestHost.Application());
        using var supervisor = await Web.SignedInAsync("super-1", "supervisor");

        using var response = await supervisor.PostAsJsonAsync(
            "/api/tasks/bulk-moves/preview", new { kind = "assign-to", target = "super-1" }, Cancel);
        using var badKind = await supervisor.PostAsJsonAsync("/api/tasks/bulk-moves/preview", new { kind = "teleport" }, Cancel);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync(Cancel)).Should().Contain("not a case worker");
        badKind.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    private static Task<HttpResponseMessage> Patch(HttpClient client, string path, object body, string etag) => Send(client, HttpMethod.Patch, path, body, etag);

    private static Task<HttpResponseMessage> Put(HttpClient client, string path, object body, string etag) => Send(client, HttpMethod.Put, path, body, etag);

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, object body, string etag)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.ParseAdd(etag);
        return client.SendAsync(request, Cancel);
    }
}
