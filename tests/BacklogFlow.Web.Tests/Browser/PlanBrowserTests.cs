using BacklogFlow.Web.Tests.Support;
using Microsoft.Playwright;

namespace BacklogFlow.Web.Tests.Browser;

/// <summary>
/// A supervisor asks the recovery planner, in a real browser, what a number of reviewers achieves
/// against the live backlog; the answer and the chart are on the page, the figures also as a table.
/// </summary>
public sealed class PlanBrowserTests : BrowserTests
{
    [Fact]
    public async Task Plan_SupervisorEntersReviewers_SeesWhenTheBacklogIsClearedAndTheBreaches()
    {
        await Web.SeedReviewTasksAsync([
            .. Enumerable.Range(0, 40).Select(_ => WebTestHost.Application("childcare")),
            .. Enumerable.Range(0, 20).Select(_ => WebTestHost.Application("general"))]);
        await Web.CreateUserAsync("super-1", "supervisor");
        var page = await SignInAsync("super-1");

        await page.GetByRole(AriaRole.Link, new() { Name = "Herstelplanner" }).ClickAsync();
        await ArriveAtAsync(page, "**/Supervise/Plan");
        await page.GetByLabel("Aantal beoordelaars").FillAsync("1");
        await page.GetByLabel("Aanvragen per werkdag").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Plan doorrekenen" }).ClickAsync();
        await ArriveAtAsync(page, "**/Supervise/Plan?reviewers=1*");
        var open = await page.Locator("#plan-open-now").InnerTextAsync();
        var cleared = await page.Locator("#plan-cleared").InnerTextAsync();
        var breaches = await page.Locator("#plan-breaches").InnerTextAsync();
        var policies = await page.Locator("#plan-policies tbody tr").CountAsync();
        var line = await page.Locator("svg#plan-burn-down polyline.open").GetAttributeAsync("points");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "plan-one-reviewer.png"), FullPage = true });

        await page.GetByLabel("Aantal beoordelaars").FillAsync("-3");
        await page.EvaluateAsync("document.getElementById('reviewers').removeAttribute('min')");
        await page.GetByRole(AriaRole.Button, new() { Name = "Plan doorrekenen" }).ClickAsync();
        var problem = await page.GetByRole(AriaRole.Alert).InnerTextAsync();

        open.Should().Be("60");
        cleared.Should().Be("2021-11-04", "24 reviews a working day: 24 on Tue 2, 24 on Wed 3, 12 on Thu 4 Nov");
        breaches.Should().Be("0");
        policies.Should().Be(4);
        line.Should().NotBeNullOrEmpty();
        problem.Should().Contain("reviewers");
    }
}
