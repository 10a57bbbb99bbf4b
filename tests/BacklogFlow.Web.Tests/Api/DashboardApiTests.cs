using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BacklogFlow.Web.Tests.Support;

namespace BacklogFlow.Web.Tests.Api;

public sealed class DashboardApiTests : ApiTests
{
    [Fact]
    public async Task Dashboard_CaseWorker_Forbidden()
    {
        using var worker = await Web.SignedInAsync("worker-a", "caseworker");

        using var response = await worker.GetAsync("/api/dashboard", Cancel);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Dashboard_Supervisor_GetsTheFiguresAsOfToday()
    {
        await Web.SeedReviewTasksAsync(
            WebTestHost.Application("childcare"), WebTestHost.Application("childcare"), WebTestHost.Application("general"), WebTestHost.Application("general", "gva"));
        using var supervisor = await Web.SignedInAsync("super-1", "supervisor");

        var dashboard = await supervisor.GetFromJsonAsync<JsonElement>("/api/dashboard?days=7", Cancel);
        using var tooMany = await supervisor.GetAsync("/api/dashboard?days=0", Cancel);

        dashboard.GetProperty("asOf").GetString().Should().Be("2021-11-02");
        dashboard.GetProperty("openWork").EnumerateArray()
            .Select(g => (g.GetProperty("queue").GetString(), g.GetProperty("product").GetString(), g.GetProperty("tasks").GetInt32()))
            .Should().Equal(("vog-np-mandatory", "vog-np", 2), ("gva-review", "gva", 1), ("vog-np-regular", "vog-np", 1));
        var risk = dashboard.GetProperty("deadlineRisk");
        risk.GetProperty("openCases").GetInt32().Should().Be(4);
        risk.GetProperty("overdue").GetProperty("cases").GetInt32().Should().Be(0);
        risk.GetProperty("penalty").GetProperty("total").GetDecimal().Should().Be(0);
        var days = dashboard.GetProperty("days").EnumerateArray().ToList();
        days.Should().HaveCount(7);
        days[^1].GetProperty("date").GetString().Should().Be("2021-11-02");
        days[^1].GetProperty("received").GetInt32().Should().Be(4);
        days[^1].GetProperty("openAtEndOfDay").GetInt32().Should().Be(4);
        tooMany.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }
}
