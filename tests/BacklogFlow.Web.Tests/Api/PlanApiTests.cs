using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BacklogFlow.Web.Tests.Support;

namespace BacklogFlow.Web.Tests.Api;

public sealed class PlanApiTests : ApiTests
{
    [Fact]
    public async Task Plan_Supervisor_PlansTheOpenBacklogFromTheDatabase()
    {
        await Web.SeedReviewTasksAsync([.. Enumerable.Range(0, 30).Select(_ => WebTestHost.Application("childcare"))]);
        using var supervisor = await Web.SignedInAsync("super-1", "supervisor");

        var nobody = await supervisor.GetFromJsonAsync<JsonElement>("/api/plan?reviewers=0&weeks=12&arrivalsPerWorkingDay=0", Cancel);
        var one = await supervisor.GetFromJsonAsync<JsonElement>("/api/plan?reviewers=1&weeks=12&arrivalsPerWorkingDay=0", Cancel);

        nobody.GetProperty("today").GetString().Should().Be("2021-11-02");
        nobody.GetProperty("openReviews").GetInt32().Should().Be(30);
        var idle = Engine(nobody);
        idle.GetProperty("cases").GetInt32().Should().Be(30);
        idle.GetProperty("clearedOn").ValueKind.Should().Be(JsonValueKind.Null);
        idle.GetProperty("mandatoryBreaches").GetInt32().Should().Be(30, "nobody decides, and every one is mandatory");
        idle.GetProperty("fewestReviewersForNoMandatoryBreach").GetInt32().Should().Be(1);

        var working = Engine(one);
        working.GetProperty("breaches").GetInt32().Should().Be(0);
        working.GetProperty("stillOpen").GetInt32().Should().Be(0);
        working.GetProperty("clearedOn").GetString().Should().Be("2021-11-03", "one reviewer decides 24 a working day: 24 on Tue 2, 6 on Wed 3");
        var days = working.GetProperty("days").EnumerateArray().ToList();
        days.Should().HaveCount(84);
        days[0].GetProperty("open").GetInt32().Should().Be(6);
    }

    [Fact]
    public async Task Plan_ReviewersOutOfRange_BadRequest()
    {
        using var supervisor = await Web.SignedInAsync("super-1", "supervisor");

        using var negative = await supervisor.GetAsync("/api/plan?reviewers=-1", Cancel);
        using var forever = await supervisor.GetAsync("/api/plan?reviewers=2&weeks=500", Cancel);

        negative.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        forever.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    private static JsonElement Engine(JsonElement plan) =>
        plan.GetProperty("outcomes").EnumerateArray().Single(o => o.GetProperty("policy").GetProperty("name").GetString() == "definitions");
}
