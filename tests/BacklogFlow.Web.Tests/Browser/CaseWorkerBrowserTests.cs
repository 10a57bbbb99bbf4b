using BacklogFlow.Web.Tests.Support;
using Microsoft.Playwright;

namespace BacklogFlow.Web.Tests.Browser;

/// <summary>
/// A case worker in a real browser (Debian's chromium driven by Playwright) against the real web
/// host on Kestrel: sign in, next task, read the clock, decide. Screenshots are kept as artifacts in
/// the test output folder's screenshots/.
/// </summary>
public sealed class CaseWorkerBrowserTests : BrowserTests
{
    [Fact]
    public async Task CaseWorker_SignInNextTaskAndIssue_CaseDecided()
    {
        await Web.SeedReviewTasksAsync(WebTestHost.Application("childcare"));
        await Web.CreateUserAsync("worker-a", "caseworker");
        var page = await Browser.NewPageAsync();

        await page.GotoAsync($"{BaseUrl}/Work");
        await page.GetByLabel("Gebruikersnaam").FillAsync("worker-a");
        await page.GetByLabel("Wachtwoord").FillAsync(WebTestHost.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende taak" }).ClickAsync();
        await ArriveAtAsync(page, "**/Work/Case/**");
        var deadline = await page.Locator("#legal-deadline").InnerTextAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "case-before-decision.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Afgeven" }).ClickAsync();
        var status = await page.Locator("#case-status").InnerTextAsync();
        var outcome = await page.Locator("#case-outcome").InnerTextAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "case-decided.png"), FullPage = true });

        deadline.Should().Be("2021-12-28", "received Tue 2 Nov 2021 with a record: 8 weeks");
        status.Should().Be("Besloten", "decided, in Dutch, the default language");
        outcome.Should().Be("afgegeven (worker-a)");
    }

    [Fact]
    public async Task FourEyes_IntentByOneRefusalByAnother_TheFirstNeverGetsTheTaskBack()
    {
        await Web.SeedReviewTasksAsync(WebTestHost.Application("taxi"));
        await Web.CreateUserAsync("first-reviewer", "caseworker");
        await Web.CreateUserAsync("second-reviewer", "caseworker");
        var first = await SignInAsync("first-reviewer");
        var second = await SignInAsync("second-reviewer");

        await first.GetByRole(AriaRole.Button, new() { Name = "Volgende taak" }).ClickAsync();
        await ArriveAtAsync(first, "**/Work/Case/**");
        await first.GetByLabel("Reden van het voornemen").FillAsync("record relevant to driving a taxi");
        await first.GetByRole(AriaRole.Button, new() { Name = "Voornemen tot weigering" }).ClickAsync();
        await ArriveAtAsync(first, "**/Work");
        await first.GetByRole(AriaRole.Button, new() { Name = "Volgende taak" }).ClickAsync();
        var firstGetsNothing = await first.GetByRole(AriaRole.Status).InnerTextAsync();

        // While the applicant is heard the task is parked: offered to no one, listed as waiting for the response.
        await second.GetByRole(AriaRole.Button, new() { Name = "Volgende taak" }).ClickAsync();
        var secondGetsNothing = await second.GetByRole(AriaRole.Status).InnerTextAsync();
        var waiting = await second.Locator("#awaiting-hearing tbody tr").CountAsync();
        await second.Locator("#awaiting-hearing").GetByRole(AriaRole.Link, new() { Name = "Openen" }).ClickAsync();
        await ArriveAtAsync(second, "**/Work/Case/**");
        var intendedBy = await second.Locator("#refusal-intent dd").First.InnerTextAsync();
        var recordResponse = second.GetByRole(AriaRole.Button, new() { Name = "Zienswijze ontvangen vastleggen" });
        await recordResponse.ClickAsync();
        await recordResponse.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await second.GotoAsync($"{BaseUrl}/Work");
        await second.GetByRole(AriaRole.Button, new() { Name = "Volgende taak" }).ClickAsync();
        await ArriveAtAsync(second, "**/Work/Case/**");
        await second.GetByRole(AriaRole.Button, new() { Name = "Weigeren" }).ClickAsync();
        var status = await second.Locator("#case-status").InnerTextAsync();
        var outcome = await second.Locator("#case-outcome").InnerTextAsync();
        await second.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "four-eyes-refused.png"), FullPage = true });

        firstGetsNothing.Should().Be("Er is geen open taak in uw wachtrijen.", "the reviewer who intended the refusal may not refuse it");
        secondGetsNothing.Should().Be("Er is geen open taak in uw wachtrijen.", "nobody may refuse before the applicant is heard");
        waiting.Should().Be(1);
        intendedBy.Should().Be("first-reviewer");
        status.Should().Be("Besloten");
        outcome.Should().Be("geweigerd (second-reviewer)");
    }

    [Fact]
    public async Task Dashboard_Supervisor_BurnDownChartAndOpenWorkRendered()
    {
        await Web.SeedReviewTasksAsync(
            WebTestHost.Application("childcare"), WebTestHost.Application("general"), WebTestHost.Application("general", product: "gva"));
        await Web.CreateUserAsync("super-1", "supervisor");
        var page = await SignInAsync("super-1");

        await page.GetByRole(AriaRole.Link, new() { Name = "Overzicht" }).ClickAsync();
        await ArriveAtAsync(page, "**/Supervise");
        var chart = page.Locator("svg#burn-down");
        var line = await chart.Locator("polyline.open").GetAttributeAsync("points");
        var bars = await chart.Locator("rect.received").CountAsync();
        var groups = await page.Locator("#open-work tbody tr").CountAsync();
        var openCases = await page.Locator("#deadline-risk dd").First.InnerTextAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "dashboard.png"), FullPage = true });

        (await chart.GetAttributeAsync("role")).Should().Be("img");
        (await chart.Locator("title").TextContentAsync()).Should().Be("Verloop van de achterstand");
        line.Should().NotBeNullOrWhiteSpace();
        bars.Should().Be(28, "one bar of receipts per day of the last 28");
        groups.Should().Be(3, "vog-np mandatory, vog-np regular and gva each have open work");
        openCases.Should().Be("3");
    }

    [Fact]
    public async Task Language_SwitchToEnglish_LabelsInEnglishAndKeptAcrossPages()
    {
        await Web.CreateUserAsync("worker-b", "caseworker");
        var page = await Browser.NewPageAsync();

        await page.GotoAsync($"{BaseUrl}/Account/Login");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await page.GetByLabel("User name").FillAsync("worker-b");
        await page.GetByLabel("Password").FillAsync(WebTestHost.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var next = page.GetByRole(AriaRole.Button, new() { Name = "Next task" });
        await next.ClickAsync();

        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be("en");
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).Should().Be("There is no open task in your queues.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "my-tasks-english.png"), FullPage = true });
    }

    [Fact]
    public async Task Keyboard_TabFromTheTop_SkipLinkFirstThenNextTask()
    {
        await Web.CreateUserAsync("worker-c", "caseworker");
        var page = await Browser.NewPageAsync();
        await page.GotoAsync($"{BaseUrl}/Account/Login");
        await page.GetByLabel("Gebruikersnaam").FillAsync("worker-c");
        await page.GetByLabel("Wachtwoord").FillAsync(WebTestHost.Password);
        await page.Keyboard.PressAsync("Enter");
        await ArriveAtAsync(page, "**/Work");

        await page.Keyboard.PressAsync("Tab");
        var first = await page.EvaluateAsync<string>("document.activeElement.textContent.trim()");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        var afterSkip = await page.EvaluateAsync<string>("document.activeElement.textContent.trim()");

        first.Should().Be("Naar de inhoud");
        afterSkip.Should().Be("Volgende taak", "the skip link leads straight to the work");
    }
}
