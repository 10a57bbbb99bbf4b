using System.Net.Http.Json;
using System.Text.Json;
using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Testing;
using BacklogFlow.Web.Demo;
using BacklogFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BacklogFlow.Web.Tests.Demo;

public sealed class DemoBacklogTests
{
    private const int Applications = 300;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Seed_EmptyDatabase_ApplicationsGoThroughIntakeIntoCasesAndQueues()
    {
        await using var web = Demo(Applications);
        _ = web.Server;

        var published = await web.Services.GetRequiredService<DemoBacklog>().Published.WaitAsync(TestWaits.Limit, Cancel);
        await web.Intake.WaitForAsync("accepted", published, Cancel);

        published.Should().Be(Applications);
        var today = LegalTime.ToLegalDate(WebTestHost.Start);
        var cases = await web.QueryAsync(db => db.Cases
            .GroupBy(c => 1)
            .Select(g => new
            {
                All = g.Count(),
                Decided = g.Count(c => c.Status == CaseStatus.Decided),
                AwaitingReview = g.Count(c => c.Status == CaseStatus.AwaitingReview),
                Products = g.Select(c => c.Product).Distinct().Count(),
                Mandatory = g.Count(c => c.Mandatory == MandatoryStatus.Mandatory),
                NotMandatory = g.Count(c => c.Mandatory == MandatoryStatus.NotMandatory),
                WithPromise = g.Count(c => c.ServicePromiseDeadline != null),
                OlderThanFourWeeks = g.Count(c => c.ReceivedOn < today.AddDays(-28)),
                InTheFuture = g.Count(c => c.ReceivedOn > today),
            })
            .SingleAsync(Cancel));
        cases.All.Should().Be(Applications);
        (cases.Decided + cases.AwaitingReview).Should().Be(Applications, "intake decided or queued every one");
        cases.AwaitingReview.Should().BePositive();
        cases.Products.Should().Be(3);
        cases.Mandatory.Should().BePositive();
        cases.NotMandatory.Should().BePositive();
        cases.WithPromise.Should().BePositive("some are outage-affected");
        cases.OlderThanFourWeeks.Should().BePositive();
        cases.InTheFuture.Should().Be(0);
        (await web.QueryAsync(db => db.ReviewTasks.CountAsync(Cancel))).Should().Be(cases.AwaitingReview);

        using var supervisor = await web.SignedInAsync("super-1", "supervisor");
        var dashboard = await supervisor.GetFromJsonAsync<JsonElement>("/api/dashboard", Cancel);
        dashboard.GetProperty("deadlineRisk").GetProperty("openCases").GetInt32().Should().Be(cases.AwaitingReview);
        dashboard.GetProperty("deadlineRisk").GetProperty("overdue").GetProperty("cases").GetInt32().Should().BePositive("some promises have passed");
        using var worker = await web.SignedInAsync("worker-1", "caseworker");
        using var claimed = await worker.PostAsync("/api/tasks/next", null, Cancel);
        claimed.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, "a newcomer sees a live queue");
    }

    [Fact]
    public async Task Seed_DatabaseAlreadyHasCases_NothingMorePublished()
    {
        await using var web = Demo(applications: 20);
        _ = web.Server;
        var seeder = web.Services.GetRequiredService<DemoBacklog>();
        await web.Intake.WaitForAsync("accepted", await seeder.Published.WaitAsync(TestWaits.Limit, Cancel), Cancel);

        var again = await seeder.SeedAsync(Cancel);

        again.Should().Be(0);
        (await web.QueryAsync(db => db.Cases.CountAsync(Cancel))).Should().Be(20);
        (await web.QueryAsync(db => db.OutageWindows.CountAsync(Cancel))).Should().Be(1);
    }

    private static WebTestHost Demo(int applications) => new(new Dictionary<string, string?>
    {
        [$"{DemoOptions.Section}:Enabled"] = "true",
        [$"{DemoOptions.Section}:Applications"] = applications.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });
}
