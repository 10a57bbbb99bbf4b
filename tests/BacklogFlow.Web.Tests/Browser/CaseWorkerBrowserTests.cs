using BacklogFlow.Testing;
using BacklogFlow.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BacklogFlow.Web.Tests.Browser;

/// <summary>
/// A case worker in a real browser (Debian's chromium driven by Playwright) against the real web
/// host on Kestrel: sign in, next task, read the clock, decide. Screenshots are kept as artifacts in
/// the test output folder's screenshots/.
/// </summary>
public sealed class CaseWorkerBrowserTests : IAsyncLifetime
{
    private readonly WebTestHost _web = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string _baseUrl = "";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public async ValueTask InitializeAsync()
    {
        var chromium = await LocalBrowser.EnsureChromiumAsync(Cancel);
        _web.UseKestrel(0);
        _web.StartServer();
        _baseUrl = _web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = [.. LocalBrowser.Arguments],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _web.DisposeAsync();
    }

    [Fact]
    public async Task CaseWorker_SignInNextTaskAndIssue_CaseDecided()
    {
        await _web.SeedReviewTasksAsync(WebTestHost.Application("childcare"));
        await _web.CreateUserAsync("worker-a", "caseworker");
        var page = await _browser!.NewPageAsync();

        await page.GotoAsync($"{_baseUrl}/Work");
        await page.GetByLabel("Gebruikersnaam").FillAsync("worker-a");
        await page.GetByLabel("Wachtwoord").FillAsync(WebTestHost.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende taak" }).ClickAsync();
        await page.WaitForURLAsync("**/Work/Case/**");
        var deadline = await page.Locator("#legal-deadline").InnerTextAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "case-before-decision.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Afgeven" }).ClickAsync();
        var status = await page.Locator("#case-status").InnerTextAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "case-decided.png"), FullPage = true });

        deadline.Should().Be("2021-12-28", "received Tue 2 Nov 2021 with a record: 8 weeks");
        status.Should().Be("Besloten", "decided, in Dutch, the default language");
    }

    [Fact]
    public async Task Language_SwitchToEnglish_LabelsInEnglishAndKeptAcrossPages()
    {
        await _web.CreateUserAsync("worker-b", "caseworker");
        var page = await _browser!.NewPageAsync();

        await page.GotoAsync($"{_baseUrl}/Account/Login");
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
        await _web.CreateUserAsync("worker-c", "caseworker");
        var page = await _browser!.NewPageAsync();
        await page.GotoAsync($"{_baseUrl}/Account/Login");
        await page.GetByLabel("Gebruikersnaam").FillAsync("worker-c");
        await page.GetByLabel("Wachtwoord").FillAsync(WebTestHost.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/Work");

        await page.Keyboard.PressAsync("Tab");
        var first = await page.EvaluateAsync<string>("document.activeElement.textContent.trim()");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        var afterSkip = await page.EvaluateAsync<string>("document.activeElement.textContent.trim()");

        first.Should().Be("Naar de inhoud");
        afterSkip.Should().Be("Volgende taak", "the skip link leads straight to the work");
    }
}
