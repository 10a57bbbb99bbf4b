using BacklogFlow.Testing;
using BacklogFlow.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BacklogFlow.Web.Tests.Browser;

/// <summary>
/// What every browser test starts from: the real web host on Kestrel (a fresh one per test) and
/// Debian's chromium driven by Playwright. Screenshots are kept as artifacts in the test output
/// folder's screenshots/.
/// </summary>
public abstract class BrowserTests : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    protected WebTestHost Web { get; } = new();

    protected string BaseUrl { get; private set; } = "";

    protected IBrowser Browser => _browser ?? throw new InvalidOperationException("the browser starts with the test");

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public async ValueTask InitializeAsync()
    {
        var chromium = await LocalBrowser.EnsureChromiumAsync(Cancel);
        Web.UseKestrel(0);
        Web.StartServer();
        BaseUrl = Web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
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
        await Web.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Waits until the page is at the address and its document is parsed. Not the "load" event that
    /// WaitForURL waits for by default: on a loaded CI machine Playwright once saw the case page's
    /// network go idle but never reported "load" (timeout after 30 s). Our pages are server-rendered
    /// without scripts, so the parsed document is the whole page.
    /// </summary>
    protected static Task ArriveAtAsync(IPage page, string url) =>
        page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.DOMContentLoaded });

    /// <summary>A fresh browser context (its own cookies) signed in through the sign-in page.</summary>
    protected async Task<IPage> SignInAsync(string userName)
    {
        var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{BaseUrl}/Account/Login");
        await page.GetByLabel("Gebruikersnaam").FillAsync(userName);
        await page.GetByLabel("Wachtwoord").FillAsync(WebTestHost.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await ArriveAtAsync(page, "**/Work");
        return page;
    }
}
